import { strict as assert } from 'node:assert';

import { checkBusinessHours } from '../../src/rules/business-hours';
import { decide } from '../../src/rules/decide';
import type { EscalationPolicy } from '../../src/rules/policy';
import { countsTowardsStorm, stormVerdict, windowStart } from '../../src/rules/volume-rule';
import { planFromPolicy } from '../../src/sentinel-rules/plan-from-policy';
import { buildSentinelRules } from '../../src/sentinel-rules/sentinel-rule';
import { readEscalationQuery, readStormQuery } from './support/kql-reader';
import {
  escalationRuleFires,
  isOutsideHours,
  isPrefixed,
  stormWindowEnds,
} from './support/plan-evaluator';
import { edgeInstants, sampleCases, sampleInstants, samplePolicies } from './support/samples';
import type { SampleCase } from './support/samples';
import { stormCases } from './support/storm-samples';

/** The bot's storm rule over a set of incidents: what it counts, and the windows that open. */
function botStorms(policy: EscalationPolicy, cases: readonly SampleCase[]) {
  const rule = policy.volume;
  assert.ok(rule !== null);
  const counted = cases
    .map((c) => c.incident)
    .filter((incident) => countsTowardsStorm(incident, decide(incident, policy), rule));
  const ends = counted
    .filter((end) => {
      const from = Date.parse(windowStart(end.createdTimeUtc, rule));
      const to = Date.parse(end.createdTimeUtc);
      const inWindow = counted.filter((other) => {
        const t = Date.parse(other.createdTimeUtc);
        return t > from && t <= to;
      });
      return stormVerdict(inWindow, rule, policy).opens;
    })
    .map((incident) => incident.createdTimeUtc)
    .sort();
  return { counted: counted.length, ends };
}

describe("the generated KQL and the bot's rules agree", () => {
  for (const sample of samplePolicies()) {
    describe(sample.name, () => {
      const rules = buildSentinelRules(sample.policy);
      // Everything below evaluates the plan read back from the KQL text itself.
      const plan = readEscalationQuery(rules.escalation.query);

      it('renders in its KQL text exactly the plan built from the policy', () => {
        assert.deepEqual(plan, planFromPolicy(sample.policy).escalation);
      });

      it('reads every sample instant as inside or outside hours as checkBusinessHours does', () => {
        const instants = sampleInstants(sample);
        const outside = instants.filter((t) => checkBusinessHours(t, sample.policy).outside);
        const differ = instants.filter(
          (t) => isOutsideHours(plan.hours, t) !== checkBusinessHours(t, sample.policy).outside,
        );
        assert.deepEqual(differ, []);
        assert.ok(outside.length > 0 && outside.length < instants.length, 'a one-sided table');
      });

      it('fires for exactly the incidents decide() escalates, pre-escalated titles aside', () => {
        const cases = sampleCases(edgeInstants(sample));
        let fired = 0;
        const differ = cases.flatMap(({ incident, row }) => {
          const decision = decide(incident, sample.policy);
          const preEscalated = decision.displayTitle !== incident.title;
          const bot = decision.action === 'escalate' && !preEscalated;
          const kql = escalationRuleFires(plan, row);
          fired += kql ? 1 : 0;
          const prefixDiffers = preEscalated !== isPrefixed(plan.filter, row);
          return bot === kql && !prefixDiffers
            ? []
            : [
                `${incident.createdTimeUtc} ${incident.severity} ${incident.status} ` +
                  `${JSON.stringify(incident.title)}: bot ${decision.action}, kql ${kql}`,
              ];
        });
        assert.deepEqual(differ, []);
        assert.ok(fired > 0 && fired < cases.length, 'a one-sided table');
      });

      if (sample.policy.volume !== null) {
        it("opens a storm at the same incidents as the bot's storm rule", () => {
          const storm = readStormQuery(rules.storm.query);
          assert.deepEqual(storm, planFromPolicy(sample.policy).storm);
          for (const seed of [1, 2, 3, 4]) {
            const cases = stormCases(sample, sample.policy.volume as never, seed);
            const bot = botStorms(sample.policy, cases);
            const kql = stormWindowEnds(
              storm,
              cases.map((c) => c.row),
            );
            assert.deepEqual(kql, bot.ends, `seed ${seed}`);
            const opened = bot.ends.length;
            assert.ok(opened > 0 && opened < bot.counted, `seed ${seed}: a one-sided sample`);
          }
        });
      }
    });
  }
});
