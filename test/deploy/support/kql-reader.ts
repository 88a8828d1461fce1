import type { IncidentStatus, Severity } from '../../../src/intake/incident';
import type {
  EscalationPlan,
  HoursPlan,
  IncidentFilter,
  StormPlan,
} from '../../../src/sentinel-rules/rule-plan';

/**
 * Reads the rule plans back out of generated KQL text, so the agreement tests evaluate what
 * the text says, not what the generator meant. Throws when a piece cannot be found.
 */
export function readEscalationQuery(kql: string): EscalationPlan {
  return {
    filter: readFilter(kql),
    hours: readHours(kql),
    ...readEscalates(kql),
  };
}

/** The storm rule's plan, read from its KQL text. */
export function readStormQuery(kql: string): StormPlan {
  const severities = one(kql, /^ {4}\| where Severity in~ (\(.*\))$/m, 'storm severities');
  return {
    escalation: readEscalationQuery(kql),
    severities: stringList(severities) as Severity[],
    moreThan: Number(one(kql, /\| where Incidents > (\d+)$/m, 'moreThan')),
    windowMinutes: timespanMinutes(one(kql, /^let window = (\d+[mhd]);$/m, 'window')),
  };
}

/** The string values of a KQL list literal such as `("a", "b\"c")`. */
export function stringList(text: string): string[] {
  const values: string[] = [];
  const literal = /"((?:[^"\\]|\\.)*)"/g;
  for (const match of text.matchAll(literal)) {
    values.push(unescape(match[1] ?? ''));
  }

  return values;
}

function readFilter(kql: string): IncidentFilter {
  const ids = [...kql.matchAll(/RelatedAnalyticRuleIds\) contains ("(?:[^"\\]|\\.)*")/g)];
  return {
    openStatuses: stringList(
      one(kql, /\| where Status in (\(.*\))$/m, 'status'),
    ) as IncidentStatus[],
    prefix: single(one(kql, /Title\) startswith ("(?:[^"\\]|\\.)*")\)\n/, 'prefix')),
    ownRuleIds: ids.map((m) => single(m[1] ?? '')),
  };
}

function readHours(kql: string): HoursPlan {
  const days = one(kql, /LocalDay !in \(([\d, ]*)\)/, 'business days');
  const holidays = /LocalDate in (\(.*?\))/.exec(kql)?.[1];
  return {
    zone: single(one(kql, /datetime_utc_to_local\(CreatedTime, ("(?:[^"\\]|\\.)*")\)/, 'zone')),
    businessDays: days.split(',').map((d) => Number(d.trim())),
    startMinute: Number(one(kql, /LocalMinute < (\d+)/, 'start')),
    endMinute: Number(one(kql, /LocalMinute >= (\d+)/, 'end')),
    holidays: holidays === undefined ? [] : stringList(holidays),
  };
}

function readEscalates(kql: string): Pick<EscalationPlan, 'severities' | 'titles'> {
  const start = kql.indexOf('Severity !~ "Informational"');
  if (start < 0) {
    return { severities: [], titles: { exact: [], patterns: [] } };
  }

  const rest = kql.slice(start);
  const end = /\n\s*\|/.exec(rest);
  const block = end === null ? rest : rest.slice(0, end.index);
  const severities = /Severity in~ (\(.*?\))/.exec(block)?.[1];
  const exact = /trim\(@"\\s\+", Title\) in~ (\(.*\))/.exec(block)?.[1];
  const patterns = [...block.matchAll(/Title matches regex ("(?:[^"\\]|\\.)*")/g)];
  return {
    severities: (severities === undefined ? [] : stringList(severities)) as Severity[],
    titles: {
      exact: exact === undefined ? [] : stringList(exact),
      patterns: patterns.map((m) => single(m[1] ?? '')),
    },
  };
}

function timespanMinutes(text: string): number {
  const value = Number(text.slice(0, -1));
  const unit = text.slice(-1);
  return unit === 'd' ? value * 1440 : unit === 'h' ? value * 60 : value;
}

function one(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text);
  if (match?.[1] === undefined) {
    throw new Error(`${what}: not found in the KQL`);
  }

  return match[1];
}

function single(literal: string): string {
  const [value] = stringList(literal);
  if (value === undefined) {
    throw new Error(`not a KQL string literal: ${literal}`);
  }

  return value;
}

function unescape(body: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"' };
  return body.replace(/\\(.)/g, (_, ch: string) => escapes[ch] ?? ch);
}
