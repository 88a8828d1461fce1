import { DateTime } from 'luxon';
import { RE2JS } from 're2js';

import type {
  EscalationPlan,
  HoursPlan,
  IncidentFilter,
  StormPlan,
  TitlePlan,
} from '../../../src/sentinel-rules/rule-plan';

/**
 * Evaluates rule plans the way Log Analytics evaluates the KQL rendered from them: one
 * function per KQL step. The single assumption shared with the bot is the zone database:
 * `datetime_utc_to_local` and luxon read an instant in an IANA zone alike.
 */

/** The latest SecurityIncident row of one incident: the columns the rules read. */
export interface IncidentRow {
  readonly IncidentName: string;
  readonly Title: string;
  readonly Severity: string;
  readonly Status: string;
  /** UTC, ISO 8601. */
  readonly CreatedTime: string;
  readonly RelatedAnalyticRuleIds: readonly string[];
}

// RE2's \s: no vertical tab, no Unicode spaces.
const RE2_SPACE = '[\\t\\n\\f\\r ]';

/** `=~` and `in~`: equal ignoring case. */
function equalsIgnoreCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The incident filter: open, no pre-escalated prefix (unless Informational), not our own. */
export function passesFilter(filter: IncidentFilter, row: IncidentRow): boolean {
  const ownRule = filter.ownRuleIds.some((id) =>
    JSON.stringify(row.RelatedAnalyticRuleIds).toLowerCase().includes(id.toLowerCase()),
  );
  const prefixed = isPrefixed(filter, row) && !equalsIgnoreCase(row.Severity, 'Informational');
  return filter.openStatuses.includes(row.Status as never) && !prefixed && !ownRule;
}

/** `trim_start(@"\s+", Title) startswith prefix`; KQL's startswith ignores case. */
export function isPrefixed(filter: IncidentFilter, row: IncidentRow): boolean {
  const trimmed = row.Title.replace(new RegExp(`^${RE2_SPACE}+`), '');
  return trimmed.toLowerCase().startsWith(filter.prefix.toLowerCase());
}

/** The LocalDay, LocalMinute and LocalDate columns, then the outside-hours `where`. */
export function isOutsideHours(hours: HoursPlan, createdUtc: string): boolean {
  const local = DateTime.fromISO(createdUtc, { zone: 'utc' }).setZone(hours.zone);
  const localDay = local.weekday % 7; // dayofweek(): days since the preceding Sunday
  const localMinute = local.hour * 60 + local.minute;
  const localDate = local.toFormat('yyyy-MM-dd');
  return (
    !hours.businessDays.includes(localDay) ||
    hours.holidays.includes(localDate) ||
    localMinute < hours.startMinute ||
    localMinute >= hours.endMinute
  );
}

/** `Severity !~ "Informational" and (Severity in~ ... or title in~ ... or matches regex ...)`. */
export function escalatesOnItsOwn(plan: EscalationPlan, row: IncidentRow): boolean {
  const listed = plan.severities.some((s) => equalsIgnoreCase(s, row.Severity));
  const worthIt = listed || titleMatches(plan.titles, row.Title);
  return !equalsIgnoreCase(row.Severity, 'Informational') && worthIt;
}

/** Rule (a): does this row come out of the query? */
export function escalationRuleFires(plan: EscalationPlan, row: IncidentRow): boolean {
  return (
    passesFilter(plan.filter, row) &&
    isOutsideHours(plan.hours, row.CreatedTime) &&
    escalatesOnItsOwn(plan, row)
  );
}

/** Rule (b): the creation times that end a window holding more than `moreThan` incidents. */
export function stormWindowEnds(plan: StormPlan, rows: readonly IncidentRow[]): string[] {
  const counted = rows.filter(
    (row) =>
      passesFilter(plan.escalation.filter, row) &&
      isOutsideHours(plan.escalation.hours, row.CreatedTime) &&
      plan.severities.some((s) => equalsIgnoreCase(s, row.Severity)) &&
      !escalatesOnItsOwn(plan.escalation, row),
  );
  const windowMs = plan.windowMinutes * 60_000;
  return counted
    .filter((end) => {
      const t = Date.parse(end.CreatedTime);
      const inWindow = counted.filter((other) => {
        const o = Date.parse(other.CreatedTime);
        return o > t - windowMs && o <= t;
      });
      return new Set(inWindow.map((r) => r.IncidentName)).size > plan.moreThan;
    })
    .map((row) => row.CreatedTime)
    .sort();
}

function titleMatches(titles: TitlePlan, title: string): boolean {
  const trimmed = title.replace(new RegExp(`^${RE2_SPACE}+|${RE2_SPACE}+$`, 'g'), '');
  if (titles.exact.some((exact) => equalsIgnoreCase(exact, trimmed))) {
    return true;
  }

  return titles.patterns.some((pattern) => matchesRegex(title, pattern));
}

const compiled = new Map<string, RE2JS>();

/** `matches regex`: an RE2 search, inline flags included; re2js is a port of RE2. */
function matchesRegex(title: string, pattern: string): boolean {
  const regex = compiled.get(pattern) ?? RE2JS.compile(pattern);
  compiled.set(pattern, regex);
  return regex.matcher(title).find();
}
