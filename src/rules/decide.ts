import type { Incident } from '../intake/incident';
import { checkBusinessHours } from './business-hours';
import type { EscalationPolicy } from './policy';

/** What the bot does with an incident. */
export type Action = 'escalate' | 'hold' | 'ignore';

/** The outcome of the rules for one incident state, with reasons a person can read. */
export interface Decision {
  readonly action: Action;
  readonly reasons: readonly string[];
  /** The title as people see and hear it: the pre-escalated prefix dropped. */
  readonly displayTitle: string;
  readonly outsideBusinessHours: boolean;
}

/**
 * Decides one incident state. Pure: no I/O and no clock; the instant is the incident's
 * creation time, read in the policy's zone.
 */
export function decide(incident: Incident, policy: EscalationPolicy): Decision {
  const hours = checkBusinessHours(incident.createdTimeUtc, policy);
  const prefixed = stripPrefix(incident.title, policy.preEscalatedPrefix);
  const displayTitle = prefixed ?? incident.title;
  const verdict = (action: Action, reasons: string[]): Decision => ({
    action,
    reasons,
    displayTitle,
    outsideBusinessHours: hours.outside,
  });

  if (incident.status === 'Closed') {
    return verdict(hours.outside ? 'hold' : 'ignore', [
      hours.reason,
      'status Closed: the incident is already resolved, so nobody is called',
    ]);
  }

  if (incident.severity === 'Informational') {
    return verdict(hours.outside ? 'hold' : 'ignore', [
      hours.reason,
      'severity Informational is never escalated',
    ]);
  }

  if (prefixed !== null) {
    return verdict('escalate', [
      `the title starts with "${policy.preEscalatedPrefix}": a Sentinel analytics rule ` +
        'already decided to escalate it, whatever the hour',
    ]);
  }

  if (!hours.outside) {
    return verdict('ignore', [hours.reason, 'the staffed SOC handles it']);
  }

  const matches = escalationMatches(incident, displayTitle, policy);
  if (matches.length > 0) {
    return verdict('escalate', [hours.reason, ...matches]);
  }

  return verdict('hold', [
    hours.reason,
    `severity ${incident.severity} is not on the escalate list and the title is not on ` +
      'the known-bad list: held for the morning digest',
  ]);
}

function escalationMatches(incident: Incident, title: string, policy: EscalationPolicy): string[] {
  const reasons: string[] = [];
  if (policy.severities.has(incident.severity)) {
    reasons.push(`severity ${incident.severity} is on the escalate list`);
  }

  const matcher = policy.titles.find((m) => m.matches(title));
  if (matcher) {
    reasons.push(`the title matches "${matcher.source}" on the known-bad list`);
  }

  return reasons;
}

/** The title without the prefix, or null when it does not start with it. */
function stripPrefix(title: string, prefix: string): string | null {
  if (prefix === '') {
    return null;
  }

  const trimmed = title.trimStart();
  if (!trimmed.toLowerCase().startsWith(prefix.toLowerCase())) {
    return null;
  }

  return trimmed.slice(prefix.length).trimStart();
}
