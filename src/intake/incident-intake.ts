import { createHash, randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import { clientError } from '../errors/app-error';
import { decide, type Decision } from '../rules/decide';
import { countsTowardsStorm, stormVerdict } from '../rules/volume-rule';
import type { EscalationConfig } from '../config/app-config';
import { planSteps } from '../escalation/chain';
import type { EscalationPolicy } from '../rules/policy';
import type { Store, StoredDecision, VolumeInput } from '../store/store';
import type { Clock } from '../time/clock';
import type { Incident, IncidentEvent } from './incident';

/** What the intake did with one event. */
export interface IntakeResult {
  readonly incidentId: string;
  readonly duplicate: boolean;
  readonly decision: StoredDecision;
  /** Set when this event opened an escalation: paging is due. */
  readonly openedEscalationId: string | null;
}

export interface IncidentIntakeDeps {
  readonly store: Store;
  /** The chain frozen into each escalation this intake opens. */
  readonly escalation: EscalationConfig;
  readonly policy: EscalationPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Stores incident events once and decides them. It never pages: an opened escalation is
 * returned for the escalation engine to run.
 */
export class IncidentIntake {
  readonly #deps: IncidentIntakeDeps;

  constructor(deps: IncidentIntakeDeps) {
    this.#deps = deps;
  }

  /** Idempotent per event id, and per incident state: a redelivery changes nothing. */
  async receive(event: IncidentEvent): Promise<IntakeResult> {
    const { store, policy, clock, logger } = this.#deps;
    const { incident } = event;
    const decision = decide(incident, policy);
    const now = clock();
    const result = await store.recordIncidentEvent({
      event,
      fingerprint: fingerprint(incident),
      decision,
      receivedAt: now,
      newEscalation: this.#plan(now),
      volume: this.#volume(incident, decision),
    });
    const log = logger.child({ incidentId: incident.id, incidentNumber: incident.number });

    if (result.kind === 'conflict') {
      const message =
        `eventUniqueId "${event.eventId.slice(0, 100)}" was already used for another ` +
        'incident: nothing was stored';
      throw clientError(409, 'EVENT_ID_CONFLICT', message);
    }

    if (result.kind === 'duplicate') {
      log.info({ eventId: event.eventId }, 'duplicate incident event');
      return {
        incidentId: incident.id,
        duplicate: true,
        decision: result.decision,
        openedEscalationId: null,
      };
    }

    const action = result.storm?.kind === 'opened' ? 'escalate' : result.decision.action;
    // In a storm, the storm's reason replaces "held for the morning digest"; the hours stay.
    const reasons = result.storm
      ? [...result.decision.reasons.slice(0, 1), result.storm.reason]
      : [...result.decision.reasons];

    if (result.existingEscalation) {
      reasons.push(
        `already escalated at ${result.existingEscalation.openedAt}: nobody is called again`,
      );
    }

    log.info(
      { action, reasons, kind: event.kind, storm: result.storm?.stormId },
      'incident decided',
    );
    return {
      incidentId: incident.id,
      duplicate: false,
      decision: { action, reasons },
      openedEscalationId: result.openedEscalationId,
    };
  }

  /** The storm rule's input, when the rule is on and the incident counts towards it. */
  #volume(incident: Incident, decision: Decision): VolumeInput | null {
    const { policy } = this.#deps;
    const rule = policy.volume;
    if (rule === null || !countsTowardsStorm(incident, decision, rule)) {
      return null;
    }

    return {
      windowMs: rule.windowMs,
      verdict: (inWindow) => stormVerdict(inWindow, rule, policy),
      newStormId: randomUUID(),
    };
  }

  #plan(openedAt: Date) {
    const { chain, unansweredAfterMs } = this.#deps.escalation;
    return {
      id: randomUUID(),
      chain,
      steps: planSteps(chain, openedAt, unansweredAfterMs),
      unansweredAfterMs,
    };
  }
}

/** The fields whose change makes an event news. Comments and modification times are not. */
function fingerprint(incident: Incident): string {
  const { title, description, severity, status, owner, url, number, classification } = incident;
  const relevant = JSON.stringify([
    title,
    description,
    severity,
    status,
    owner,
    url,
    number,
    classification,
  ]);
  return createHash('sha256').update(relevant).digest('base64url');
}
