import type { IntakeStore } from '../../store/intake-store';
import type { IncidentEvent } from '../incident';
import type { IncidentIntake } from '../incident-intake';
import type { Row } from './incident-source';
import type { PollLog } from './poll-log';
import { parseSecurityIncidentRow } from './security-incident-row';

/** What became of one poll's rows. */
export interface RowCounts {
  readonly rows: number;
  /** New incident states, decided. */
  readonly recorded: number;
  /** New rows of a state already stored (through the webhook, or a comment only). */
  readonly duplicates: number;
  /** Rows an earlier poll stored already: the overlap reads them again. */
  readonly seen: number;
  /** Rows older than the state already stored (the webhook was first): not applied. */
  readonly stale: number;
  readonly invalid: number;
  /** True when one of the rows opened an escalation. */
  readonly opened: boolean;
}

/** Where polled rows go, and what is known of them. */
export interface PolledRowsDeps {
  readonly workspaceId: string;
  readonly store: Pick<IntakeStore, 'knownIncidents'>;
  readonly intake: Pick<IncidentIntake, 'receive'>;
  readonly log: Pick<PollLog, 'invalidRow'>;
}

/**
 * Hands a poll's rows to the intake, oldest change first. Rows stored by an earlier poll and
 * rows older than the stored state are skipped; the intake dedupes the rest. Throws when
 * storing fails: the caller must not move its watermark then.
 */
export async function receivePolledRows(
  rows: readonly Row[],
  deps: PolledRowsDeps,
): Promise<RowCounts> {
  const events = parseAll(rows, deps);
  const keys = events.map((e) => ({ incidentId: e.incident.id, eventId: e.eventId }));
  const known = await deps.store.knownIncidents(keys);
  const counts = { recorded: 0, duplicates: 0, seen: 0, stale: 0 };
  let opened = false;
  for (const event of events.sort(byLastModified)) {
    const stored = known.get(event.incident.id);
    if (stored?.eventSeen) {
      counts.seen += 1;
      continue;
    }

    if (stored !== undefined && event.incident.lastModifiedTimeUtc < stored.lastModifiedUtc) {
      counts.stale += 1;
      continue;
    }

    const result = await deps.intake.receive(event);
    counts[result.duplicate ? 'duplicates' : 'recorded'] += 1;
    opened ||= result.openedEscalationId !== null;
  }

  return { ...counts, rows: rows.length, invalid: rows.length - events.length, opened };
}

function parseAll(rows: readonly Row[], deps: PolledRowsDeps): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  for (const row of rows) {
    const parsed = parseSecurityIncidentRow(row, deps.workspaceId);
    if (parsed.ok) {
      events.push(parsed.event);
    } else {
      deps.log.invalidRow(parsed.incidentName, parsed.problem);
    }
  }

  return events;
}

function byLastModified(a: IncidentEvent, b: IncidentEvent): number {
  const [x, y] = [a.incident.lastModifiedTimeUtc, b.incident.lastModifiedTimeUtc];
  return x < y ? -1 : x > y ? 1 : 0;
}
