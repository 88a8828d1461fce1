import pino from 'pino';

import type { EscalationConfig } from '../config/app-config';
import type { IncidentEvent } from '../intake/incident';
import { IncidentIntake } from '../intake/incident-intake';
import type { Action } from '../rules/decide';
import type { EscalationPolicy } from '../rules/policy';
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
}

/**
 * Replays incidents, in creation order, through the bot's own intake on an in-memory store:
 * the same rules, storm rule and "escalate once" as the live bot. The clock reads each
 * incident's creation time, as if it had arrived the moment Sentinel created it.
 */
export async function replayIncidents(
  histories: readonly IncidentHistory[],
  config: ReplayConfig,
): Promise<Replay> {
  const store = new ObservedStore();
  let now = new Date(0);
  const intake = new IncidentIntake({
    store,
    escalation: config.escalation,
    policy: config.policy,
    clock: () => now,
    logger: pino({ enabled: false }),
  });
  const storms = new StormMembers(config.policy.volume?.windowMs ?? 0);
  const incidents: ReplayedIncident[] = [];
  const warnings: string[] = [];
  try {
    for (const history of histories) {
      now = new Date(history.created.createdTimeUtc);
      const result = await intake.receive(creationEvent(history));
      const recorded = store.takeLast();
      const warning = storms.note(history.id, history.created.createdTimeUtc, recorded);
      warnings.push(...(warning === null ? [] : [warning]));
      incidents.push({
        history,
        action: result.decision.action,
        reasons: result.decision.reasons,
        displayTitle: recorded.decision.displayTitle,
        outsideBusinessHours: recorded.decision.outsideBusinessHours,
      });
    }
  } finally {
    await store.close();
  }

  return { incidents, storms: storms.storms, stormOf: (id) => storms.stormOf(id), warnings };
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
