import { strict as assert } from 'node:assert';

import type { EscalationPolicy } from '../../src/rules/policy';
import { KqlGenerationError } from '../../src/sentinel-rules/generation-error';
import { isoMinutes, kqlMinutes, kqlString } from '../../src/sentinel-rules/kql-text';
import { planFromPolicy, RULE_IDS } from '../../src/sentinel-rules/plan-from-policy';
import { buildSentinelRules } from '../../src/sentinel-rules/sentinel-rule';
import { toRe2 } from '../../src/sentinel-rules/title-regex';
import { stringList } from './support/kql-reader';
import { examplePolicy, samplePolicies } from './support/samples';

function policyWith(overrides: Partial<EscalationPolicy>): EscalationPolicy {
  return { ...examplePolicy(), ...overrides };
}

/** The lines of a query, without its leading comments. */
function steps(query: string): string[] {
  return query.split('\n').filter((line) => !line.trim().startsWith('//'));
}

describe('the KQL generator', () => {
  const rules = buildSentinelRules(examplePolicy());
  const queries = { 'rule (a)': rules.escalation.query, 'rule (b)': rules.storm.query };

  for (const [name, query] of Object.entries(queries)) {
    describe(`${name}, from oncall.example.yaml`, () => {
      it('reads the creation time in the configured zone with datetime_utc_to_local', () => {
        assert.match(query, /datetime_utc_to_local\(CreatedTime, "Europe\/London"\)/);
        assert.doesNotMatch(query, /(hourofday|dayofweek)\((TimeGenerated|CreatedTime)\)/);
        assert.doesNotMatch(query, /between/);
      });

      it('takes the latest row of each incident: arg_max(TimeGenerated, *) by IncidentName', () => {
        const lines = steps(query).map((line) => line.trim());
        const latest = lines.indexOf('| summarize arg_max(TimeGenerated, *) by IncidentName');
        assert.ok(latest > 0, 'no arg_max(TimeGenerated, *) by IncidentName');
        assert.doesNotMatch(query, /arg_max\(IncidentName/);
        const status = lines.indexOf('| where Status in ("New", "Active")');
        assert.ok(status > latest, 'the status filter must apply to the latest row');
      });

      it('ends the business day exclusively: 18:00 is outside', () => {
        assert.match(query, /LocalMinute >= 1080/);
        assert.match(query, /LocalMinute < 540/);
      });

      it('matches titles, severities and the prefix without regard to case', () => {
        assert.match(query, /trim\(@"\\s\+", Title\) in~ \("Serious alert 1"\)/);
        assert.match(query, /Title matches regex "\(\?i\)\^ransomware"/);
        assert.match(query, /Severity in~ \("High"\)/);
        assert.match(query, /startswith "\[ON-CALL\]"/);
        assert.doesNotMatch(query, /Title (==|in \()/);
      });

      it('leaves alone the incidents its own rules raised: by rule id and by prefix', () => {
        for (const id of [RULE_IDS.escalation, RULE_IDS.storm]) {
          assert.ok(query.includes(`tostring(RelatedAnalyticRuleIds) contains "${id}"`), id);
        }

        assert.match(
          query,
          /\| where not\(trim_start\(@"\\s\+", Title\) startswith "\[ON-CALL\]"\)/,
        );
      });
    });
  }

  describe('rule (b), the storm rule', () => {
    const query = rules.storm.query;

    it('counts distinct incidents with dcount, not audit rows', () => {
      assert.match(query, /dcount\(OtherIncident, 4\)/);
      assert.doesNotMatch(query, /count\(\)/);
    });

    it('slides a half-open window (t - 30m, t] and wants more than 10', () => {
      assert.match(query, /^let window = 30m;$/m);
      assert.match(query, /OtherCreated > CreatedTime - window and OtherCreated <= CreatedTime/);
      assert.match(query, /\| where Incidents > 10$/m);
      assert.match(query, /\| join kind=inner/);
    });

    it('counts held incidents of the storm severities; no storm, no row', () => {
      assert.match(query, /^ {4}\| where Severity in~ \("Low", "Medium"\)$/m);
      assert.match(query, /\| where not\(Severity !~ "Informational"/);
      assert.match(query, /\| top 1 by CreatedTime asc/);
    });
  });

  describe('the rules as the template takes them', () => {
    it('title their incidents with the pre-escalated prefix', () => {
      assert.equal(rules.escalation.alertNameFormat, '[ON-CALL] {{Title}}');
      assert.equal(rules.storm.alertNameFormat, '[ON-CALL] {{StormTitle}}');
      assert.match(rules.escalation.displayName, /^\[ON-CALL\] /);
    });

    it('run every 5 minutes and read far enough back for late rows and the storm window', () => {
      assert.equal(rules.escalation.queryFrequency, 'PT5M');
      assert.equal(rules.escalation.queryPeriod, 'PT1H');
      assert.equal(rules.storm.queryPeriod, 'PT1H30M');
      assert.equal(rules.escalation.groupingLookback, 'P1D');
    });

    it('skips rule (b) without a volume rule, and rule (a) with nothing to look for', () => {
      const quiet = buildSentinelRules(
        policyWith({ volume: null, severities: new Set(), titles: [] }),
      );
      assert.equal(quiet.storm.deploy, false);
      assert.equal(quiet.escalation.deploy, false);
      assert.equal(rules.escalation.deploy && rules.storm.deploy, true);
    });

    it("uses each sample policy's own zone, prefix and titles", () => {
      const [, newYork] = samplePolicies();
      const query = buildSentinelRules(newYork?.policy ?? examplePolicy()).escalation.query;
      assert.match(query, /datetime_utc_to_local\(CreatedTime, "America\/New_York"\)/);
      assert.match(query, /LocalDay !in \(0, 1, 2, 3, 4\)/);
      assert.match(query, /startswith "\[PAGE\]"/);
      assert.match(query, /in~ \("Impossible travel activity"\)/);
      assert.match(query, /Title matches regex "\(\?im\)\^\(\?P<verb>disable\)d\?\\\\s\+mfa\$"/);
    });
  });

  describe('title patterns for RE2', () => {
    it("turns the config's flags into inline flags and drops u", () => {
      assert.equal(toRe2('^ransomware', 'i'), '(?i)^ransomware');
      assert.equal(toRe2('a.b$', 'sm'), '(?ms)a.b$');
      assert.equal(toRe2('caf\\x{e9} \\p{Greek}', 'u'), 'caf\\x{e9} \\p{Greek}');
      assert.equal(toRe2('plain', ''), 'plain');
    });

    it('writes named groups as (?P<name> and keeps escapes and classes as they are', () => {
      const pattern = '(?<verb>add|remove)\\s+[\\w-]+\\/x';
      assert.equal(toRe2(pattern, ''), '(?P<verb>add|remove)\\s+[\\w-]+\\/x');
    });

    it('refuses lookaround and backreferences, naming the config entry', () => {
      // The bot's config already refuses them; a policy built elsewhere may not have.
      const titles = ['fine', '/foo(?=bar)/', '/(a)\\1/', '/(?<!x)y/i'].map((source) => ({
        source,
        matches: () => false,
      }));
      assert.throws(
        () => buildSentinelRules(policyWith({ titles })),
        (err: unknown) => {
          assert.ok(err instanceof KqlGenerationError);
          assert.deepEqual(
            err.problems.map((p) => p.split(':')[0]),
            ['escalate.titles.1', 'escalate.titles.2', 'escalate.titles.3'],
          );
          assert.match(err.problems[0] ?? '', /lookahead and lookbehind/);
          assert.match(err.problems[1] ?? '', /backreferences/);
          return true;
        },
      );
    });

    it("refuses an empty pre-escalated prefix: the bot would not know the rules' incidents", () => {
      assert.throws(
        () => planFromPolicy(policyWith({ preEscalatedPrefix: '' })),
        /escalate\.preEscalatedPrefix: must not be empty/,
      );
    });
  });

  describe('KQL text', () => {
    it('quotes strings so that any title survives, and reads back the same', () => {
      const title = 'He said "stop" \\ now\tand\nthen';
      assert.equal(kqlString(title), '"He said \\"stop\\" \\\\ now\\tand\\nthen"');
      assert.deepEqual(stringList(`(${kqlString(title)}, "x")`), [title, 'x']);
      assert.throws(() => kqlString('bell\u0007'), /control character/);
    });

    it('writes timespans and ISO 8601 durations from minutes', () => {
      assert.deepEqual([5, 60, 90, 1440].map(kqlMinutes), ['5m', '1h', '90m', '1d']);
      assert.deepEqual([5, 60, 90, 1440, 1530].map(isoMinutes), [
        'PT5M',
        'PT1H',
        'PT1H30M',
        'P1D',
        'P1DT1H30M',
      ]);
    });
  });
});
