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
 * for the last event. The replay reads it after each `IncidentIntake.receive`: the decision
 * and the storm rule stay exactly the live code, nothing is re-implemented here.
 */
export class ObservedStore extends SqliteStore {
  #last: RecordedEvent | null = null;

  constructor() {
    super(':memory:');
  }

  override async recordIncidentEvent(input: RecordEventInput): Promise<RecordEventResult> {
    const result = await super.recordIncidentEvent(input);
    const recorded = result.kind === 'recorded';
    this.#last = {
      decision: input.decision,
      counted: recorded && input.volume !== null && input.decision.action !== 'escalate',
      storm: recorded ? result.storm : null,
    };
    return result;
  }

  /** The last event recorded; throws when none was since the last call. */
  takeLast(): RecordedEvent {
    const last = this.#last;
    if (last === null) {
      throw new Error('no incident event was recorded');
    }

    this.#last = null;
    return last;
  }
}
