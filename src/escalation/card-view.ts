import { DateTime } from 'luxon';

import type { EscalationCardView, StormCardView } from '../cards/escalation-card';
import type { EscalationRecord, StormSummary, TimelineEntry } from '../store/engine-store';

/** Formats an instant in the SOC's zone, as cards and SMS show times. */
export function localTime(at: Date, zone: string, format = 'HH:mm'): string {
  return DateTime.fromJSDate(at).setZone(zone).toFormat(format);
}

/** Builds the card view of an escalation from its stored state and timeline. */
export function cardView(
  escalation: EscalationRecord,
  timeline: readonly TimelineEntry[],
  calling: string,
  zone: string,
  storm: StormSummary | null = null,
): EscalationCardView {
  const { incident } = escalation;
  const created = DateTime.fromISO(incident.createdTimeUtc).setZone(zone);
  return {
    escalationId: escalation.id,
    incidentNumber: incident.number,
    severity: incident.severity,
    title: escalation.displayTitle,
    createdLocal: `${created.toFormat('ccc d LLL yyyy HH:mm')} ${zone}`,
    reasons: escalation.reasons,
    calling,
    url: incident.url,
    state: escalation.state,
    statusLine: statusLine(escalation, zone),
    timeline: timeline.map((entry) => `${localTime(entry.at, zone, 'HH:mm:ss')} ${entry.text}`),
    storm: storm === null ? null : stormView(storm, zone),
    ...(storm === null ? {} : { title: `Storm: ${storm.count} incidents`, severity: 'Storm' }),
  };
}

function stormView(storm: StormSummary, zone: string): StormCardView {
  const at = (iso: string) => localTime(new Date(iso), zone);
  const severities = Object.entries(storm.severities)
    .map(([severity, n]) => `${n} ${severity}`)
    .join(', ');
  return {
    count: storm.count,
    severities,
    span: `${at(storm.firstCreatedUtc)} to ${at(storm.lastCreatedUtc)} ${zone}`,
    groups: storm.groups,
  };
}

function statusLine(escalation: EscalationRecord, zone: string): string | null {
  if (escalation.state === 'acknowledged' && escalation.ack !== null) {
    const { ack } = escalation;
    const how = ack.via === 'sentinel' ? 'taken in Sentinel' : `Acknowledged by ${ack.by}`;
    return `${how} at ${localTime(ack.at, zone)} (${VIA[ack.via]})`;
  }

  if (escalation.state === 'unanswered') {
    return 'Unanswered: the whole chain was called and nobody acknowledged';
  }

  return null;
}

const VIA = {
  teams: 'Teams card',
  keypress: 'pressed 1 on the call',
  sms: 'SMS reply',
  sentinel: 'Sentinel',
} as const;
