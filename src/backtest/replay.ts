import pino from 'pino';

import type { EscalationConfig } from '../config/app-config';
import type { IncidentEvent } from '../intake/incident';
import { IncidentIntake } from '../intake/incident-intake';
import type { Action } from '../rules/decide';
import type { EscalationPolicy } from '../rules/policy';
import type { StoredDecision } from '../store/store';
import type { IncidentHistory } from './incident-history';
import { ObservedStore } from './observed-store';
import { StormMembers, type ReplayedStorm } from './storm-members';

/** What the bot would have done with one incident when it was created. */
export interface ReplayedIncident {
  readonly history: IncidentHistory;
  /** The intake's answer: `escalate` also for the incident whose arrival opened a storm. */
  readonly action: Action;
  readonly reasons: readonly string[];
  /** The title as the page would have said it: the pre-escalated prefix dropped. */
  readonly displayTitle: string;
  readonly outsideBusinessHours: boolean;
}

/** The replay of a whole export. */
export interface Replay {
  readonly incidents: readonly ReplayedIncident[];
  readonly storms: ReadonlyMap<string, ReplayedStorm>;
  /** The storm of an incident, or null when it was in none. */
  stormOf(incidentId: string): string | null;
  /** Bookkeeping that disagreed with the store; empty in a sound run. */
  readonly warnings: readonly string[];
}

/** The parts of the config the replay runs with. */
export interface ReplayConfig {
  readonly policy: EscalationPolicy;
  readonly escalation: EscalationConfig;
  /**
   * Incidents handed to the intake before awaiting them, like a burst of webhooks; 1 replays
   * one at a time. The decisions are the same either way (a test holds this).
   */
  readonly batch?: number;
}

const BATCH = 500;

/**
 * Replays incidents, in creation order, through the bot's own intake on an in-memory store:
 * the same rules, storm rule and "escalate once" as the live bot. The clock reads each
 * incident's creation time, as if it had arrived the moment Sentinel created it.
 */
export async function replayIncidents(
  histories: readonly IncidentHistory[],
  config: ReplayConfig,
): Promise<Replay> {
  const replayer = new Replayer(config);
  const size = Math.max(1, config.batch ?? BATCH);
  try {
    for (let start = 0; start < histories.length; start += size) {
      await replayer.replay(histories.slice(start, start + size));
    }
  } finally {
    await replayer.close();
  }

  return replayer.result();
}

/** One replay's intake, store and what they answered so far. */
class Replayer {
  readonly #store = new ObservedStore();
  readonly #intake: IncidentIntake;
  readonly #storms: StormMembers;
  readonly #incidents: ReplayedIncident[] = [];
  readonly #warnings: string[] = [];
  #now = new Date(0);

  constructor(config: ReplayConfig) {
    this.#intake = new IncidentIntake({
      store: this.#store,
      escalation: config.escalation,
      policy: config.policy,
      clock: () => this.#now,
      logger: pino({ enabled: false }),
    });
    this.#storms = new StormMembers(config.policy.volume?.windowMs ?? 0);
  }

  /**
   * Hands a batch to the intake, then reads what it did. receive() decides and reads the
   * clock before its first await, and the store records in call order: a batch is recorded
   * exactly as the same incidents one after another.
   */
  async replay(batch: readonly IncidentHistory[]): Promise<void> {
    const results = await Promise.all(
      batch.map((history) => {
        this.#now = new Date(history.created.createdTimeUtc);
        return this.#intake.receive(creationEvent(history)).then((result) => ({ history, result }));
      }),
    );
    results.forEach(({ history, result }) => this.#note(history, result.decision));
  }

  /** Everything replayed so far. */
  result(): Replay {
    const storms = this.#storms;
    const [incidents, warnings] = [this.#incidents, this.#warnings];
    return { incidents, storms: storms.storms, stormOf: (id) => storms.stormOf(id), warnings };
  }

  close(): Promise<void> {
    return this.#store.close();
  }

  #note(history: IncidentHistory, decision: StoredDecision): void {
    const recorded = this.#store.take(creationEvent(history).eventId);
    const warning = this.#storms.note(history.id, history.created.createdTimeUtc, recorded);
    if (warning !== null) {
      this.#warnings.push(warning);
    }

    this.#incidents.push({
      history,
      action: decision.action,
      reasons: decision.reasons,
      displayTitle: recorded.decision.displayTitle,
      outsideBusinessHours: recorded.decision.outsideBusinessHours,
    });
  }
}

/** The event of an incident's creation, as a poll would have delivered it. */
function creationEvent(history: IncidentHistory): IncidentEvent {
  return {
    eventId: `backtest:${history.id}`,
    kind: 'Create',
    source: 'poll',
    incident: history.created,
  };
}
