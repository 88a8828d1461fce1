import { DateTime } from 'luxon';

import type { Incident, Severity } from '../intake/incident';
import type { Decision } from './decide';
import type { EscalationPolicy } from './policy';

/** The storm rule: more than `moreThan` qualifying incidents within a sliding window. */
export interface VolumeRule {
  readonly severities: ReadonlySet<Severity>;
  readonly moreThan: number;
  readonly windowMs: number;
}

/** An incident as the storm rule counts it. */
export interface CountedIncident {
  readonly createdTimeUtc: string;
}

/**
 * Whether an incident counts towards a storm: created outside business hours, with a listed
 * severity, not Closed, and not escalating on its own (a High incident pages by itself).
 */
export function countsTowardsStorm(
  incident: Incident,
  decision: Decision,
  rule: VolumeRule,
): boolean {
  return (
    decision.outsideBusinessHours &&
    decision.action === 'hold' &&
    incident.status !== 'Closed' &&
    rule.severities.has(incident.severity)
  );
}

/** The start of the half-open window `(t - window, t]` that ends at `t`. */
export function windowStart(t: string, rule: VolumeRule): string {
  return new Date(Date.parse(t) - rule.windowMs).toISOString();
}

/**
 * Whether the incidents in one window open a storm, and the reason people read. `inWindow`
 * holds the distinct incidents created in `(t - window, t]`, the newest included.
 */
export function stormVerdict(
  inWindow: readonly CountedIncident[],
  rule: VolumeRule,
  policy: EscalationPolicy,
): { opens: boolean; reason: string } {
  const times = inWindow.map((i) => Date.parse(i.createdTimeUtc)).sort((a, b) => a - b);
  const local = (ms: number | undefined) =>
    DateTime.fromMillis(ms ?? 0, { zone: policy.timezone }).toFormat('HH:mm');
  const severities = [...rule.severities].join('/');
  const minutes = Math.round(rule.windowMs / 60_000);
  const reason =
    `${inWindow.length} ${severities} incidents between ${local(times[0])} and ` +
    `${local(times.at(-1))} ${policy.timezone} (more than ${rule.moreThan} in ${minutes} min)`;
  return { opens: inWindow.length > rule.moreThan, reason };
}
