import type { Decision } from '../rules/decide';
import { SqliteStore } from '../store/sqlite-store';
import type { RecordEventInput, RecordEventResult, StormOutcome } from '../store/store';

/** What recording one event did, as the replay needs to know it. */
export interface RecordedEvent {
  /** The rules' own decision, before the storm rule: hours, display title, reasons. */
  readonly decision: Decision;
  /** Whether the storm rule counted the incident (it may join a storm opened later). */
  readonly counted: boolean;
  /** What the storm rule did with it at once: opened or joined a storm, or nothing. */
  readonly storm: StormOutcome | null;
}

/**
 * The bot's own SQLite store, in memory, that also keeps what the intake asked it to record
 * for each event, by event id. The replay reads it after `IncidentIntake.receive`: the
 * decision and the storm rule stay exactly the live code, nothing is re-implemented here.
 */
export class ObservedStore extends SqliteStore {
  readonly #recorded = new Map<string, RecordedEvent>();

  constructor() {
    super(':memory:');
  }

  override async recordIncidentEvent(input: RecordEventInput): Promise<RecordEventResult> {
    const result = await super.recordIncidentEvent(input);
    const recorded = result.kind === 'recorded';
    this.#recorded.set(input.event.eventId, {
      decision: input.decision,
      counted: recorded && input.volume !== null && input.decision.action !== 'escalate',
      storm: recorded ? result.storm : null,
    });
    return result;
  }

  /** What recording an event did, once; throws when it was not recorded. */
  take(eventId: string): RecordedEvent {
    const recorded = this.#recorded.get(eventId);
    if (recorded === undefined) {
      throw new Error(`incident event ${eventId} was not recorded`);
    }

    this.#recorded.delete(eventId);
    return recorded;
  }
}
