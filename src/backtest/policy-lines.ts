import { formatMinute } from '../rules/business-hours';
import type { EscalationPolicy } from '../rules/policy';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The rules a backtest ran with, one "name: value" line each, for the reports and for
 * telling what changed between two runs. The roster and phone numbers are left out.
 */
export function policyLines(policy: EscalationPolicy): string[] {
  const hours = policy.businessHours;
  const days = [...hours.days]
    .sort((a, b) => a - b)
    .map((d) => WEEKDAY_NAMES[d - 1])
    .join(', ');
  const span = `${formatMinute(hours.start)}-${formatMinute(hours.end)}`;
  return [
    `timezone: ${policy.timezone}`,
    `business hours: ${days || 'none'} ${span} (the end is outside)`,
    `holidays: ${[...policy.holidays].sort().join(', ') || 'none'}`,
    `escalate severities: ${[...policy.severities].join(', ') || 'none'}`,
    `known-bad titles: ${policy.titles.map((t) => `"${t.source}"`).join(', ') || 'none'}`,
    `pre-escalated prefix: ${quoted(policy.preEscalatedPrefix)}`,
    `storm rule: ${stormRule(policy)}`,
  ];
}

function quoted(text: string): string {
  return text === '' ? 'none' : `"${text}"`;
}

function stormRule(policy: EscalationPolicy): string {
  const rule = policy.volume;
  if (rule === null) {
    return 'off';
  }

  const severities = [...rule.severities].join('/');
  const minutes = Math.round(rule.windowMs / 60_000);
  return `more than ${rule.moreThan} ${severities} incidents within ${minutes} min`;
}
