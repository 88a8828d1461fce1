import { DateTime } from 'luxon';

import type { DigestGroup, DigestView } from '../cards/digest-card';
import { outcomeText } from '../escalation/outcome-text';
import type { DigestStore, HeldIncident, NightEscalation } from '../store/digest-store';
import type { Night } from './digest-window';
import { shadowComparison } from './shadow-comparison';

/** Reads a night from the store and shapes it for the digest card. */
export async function nightDigest(
  store: DigestStore,
  night: Night,
  zone: string,
  shadow = false,
): Promise<DigestView> {
  const held = await store.heldIncidents(night.start, night.end);
  const escalations = await store.nightEscalations(night.start, night.end);
  const local = (at: Date, format: string) =>
    DateTime.fromJSDate(at).setZone(zone).toFormat(format);
  const format = 'ccc d LLL HH:mm';
  const span = `${local(night.start, format)} to ${local(night.end, format)} ${zone}`;
  return {
    span,
    heldCount: held.length,
    groups: groupByTitle(held, zone),
    escalations: escalations.filter((e) => e.stormCount === null).map((e) => outcomeLine(e, zone)),
    storms: escalations.filter((e) => e.stormCount !== null).map((e) => outcomeLine(e, zone)),
    ...(shadow ? { shadow, comparison: shadowComparison(escalations, held) } : {}),
  };
}

/** Groups held incidents by title, case-insensitively; the largest group first. */
function groupByTitle(held: readonly HeldIncident[], zone: string): DigestGroup[] {
  const groups = new Map<string, HeldIncident[]>();
  for (const incident of held) {
    const key = incident.title.trim().toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), incident]);
  }

  return [...groups.values()]
    .sort((a, b) => b.length - a.length)
    .map((incidents) => ({
      title: incidents[0]?.title ?? '',
      severities: [...new Set(incidents.map((i) => i.severity))].join('/'),
      incidents: incidents.map((i) => ({
        number: i.number,
        time: DateTime.fromISO(i.createdUtc).setZone(zone).toFormat('ccc HH:mm'),
        url: i.url,
      })),
    }));
}

function outcomeLine(escalation: NightEscalation, zone: string): string {
  const opened = DateTime.fromJSDate(escalation.openedAt).setZone(zone).toFormat('HH:mm');
  const what =
    escalation.stormCount === null
      ? `#${escalation.incidentNumber} ${escalation.title}`
      : `Storm of ${escalation.stormCount} incidents`;
  const outcome = outcomeText(escalation);
  return `${opened} ${what}: ${outcome}`;
}
