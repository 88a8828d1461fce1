import type { ChainStep, PlannedStep } from '../escalation/chain';
import type { Incident, IncidentEvent } from '../intake/incident';
import type { DigestStore } from './digest-store';
import type { EngineStore } from './engine-store';
import type { IntakeStore } from './intake-store';
import type { RosterStore } from './roster-store';
import type { Decision } from '../rules/decide';

/** The decision as stored: what is answered again for a duplicate. */
export interface StoredDecision {
  readonly action: Decision['action'];
  readonly reasons: readonly string[];
}

/** Input of {@link Store.recordIncidentEvent}. */
export interface RecordEventInput {
  readonly event: IncidentEvent;
  /** Hash of the fields that matter; an equal one means "nothing new". */
  readonly fingerprint: string;
  readonly decision: Decision;
  readonly receivedAt: Date;
  /** The escalation this event opens, if it escalates and none exists yet. */
  readonly newEscalation: {
    readonly id: string;
    readonly chain: readonly ChainStep[];
    readonly steps: readonly PlannedStep[];
    readonly unansweredAfterMs: number;
  };
  /** Set when the incident counts towards the storm rule. */
  readonly volume: VolumeInput | null;
}

/** The storm rule's part of recording an event; absent when the rule is off or doesn't apply. */
export interface VolumeInput {
  readonly windowMs: number;
  /** Pure verdict over the distinct counted incidents created in `(t - window, t]`. */
  readonly verdict: (inWindow: readonly { createdTimeUtc: string }[]) => {
    opens: boolean;
    reason: string;
  };
  /** Ids for the storm and its escalation, used only when this event opens one. */
  readonly newStormId: string;
}

/** What the storm rule did with an event. */
export interface StormOutcome {
  readonly kind: 'opened' | 'joined';
  readonly stormId: string;
  readonly escalationId: string;
  readonly count: number;
  readonly reason: string;
}

/** What recording an event did. */
export type RecordEventResult =
  | { readonly kind: 'duplicate'; readonly decision: StoredDecision }
  /** The event id was used before for another incident: nothing is stored. */
  | { readonly kind: 'conflict'; readonly incidentId: string }
  | {
      readonly kind: 'recorded';
      readonly decision: StoredDecision;
      /** Set when this event opened the incident's escalation. */
      readonly openedEscalationId: string | null;
      /** Set when the incident had already escalated before this event. */
      readonly existingEscalation: { id: string; openedAt: string } | null;
      /** Set when the incident counted towards a storm. */
      readonly storm: StormOutcome | null;
    };

/** An escalation whose first pages have not all gone out. */
export interface EscalationToPage {
  readonly id: string;
  readonly openedAt: string;
  readonly reasons: readonly string[];
  readonly displayTitle: string;
  readonly incident: Incident;
}

export type OutboundChannel = 'voice' | 'sms' | 'teams';
export type OutboundStatus = 'sending' | 'accepted' | 'dry-run' | 'failed' | 'skipped';

/** One message the bot sends, claimed before it is sent. */
export interface OutboundClaim {
  /** Our own message id, sent to the provider so reports can be matched. */
  readonly id: string;
  readonly escalationId: string;
  readonly channel: OutboundChannel;
  /** Why it is sent ("page", "notify-manager", "post"); one per escalation and channel. */
  readonly purpose: string;
  readonly recipient: string;
  readonly createdAt: Date;
}

/** The result of a send, stored on its claim. */
export interface OutboundResult {
  readonly status: Exclude<OutboundStatus, 'sending'>;
  readonly providerId: string | null;
  readonly error: string | null;
  readonly detail: Readonly<Record<string, string>> | null;
  readonly updatedAt: Date;
}

/** A stored outbound message, for views and tests. */
export interface OutboundRecord extends OutboundClaim, Omit<OutboundResult, 'updatedAt'> {
  /** What the delivery report said, once it came. */
  readonly outcome: string | null;
  readonly dtmf: string | null;
}

/**
 * All persistence of the bot. Every "exactly once" rests on a constraint or a transaction
 * here, never on process memory, so two instances may share one database.
 */
export interface Store extends RosterStore, IntakeStore {
  /**
   * Stores an incident event and its decision in one transaction. An event id seen before,
   * an incident state equal to the stored one, or an older one, is a duplicate and changes
   * nothing but the event log. An event id reused for another incident is a conflict. At
   * most one escalation per incident is ever opened.
   */
  recordIncidentEvent(input: RecordEventInput): Promise<RecordEventResult>;

  /**
   * Escalations not yet announced (card and manager SMS), oldest first: open ones, and
   * those acknowledged before their announcement went out.
   */
  escalationsToPage(): Promise<EscalationToPage[]>;

  /** Marks the first pages of an escalation as done. Idempotent. */
  markPaged(escalationId: string, at: Date): Promise<void>;

  /**
   * Claims the right to send one message. False when it was claimed before (sent, failed or
   * in flight): the caller must not send it again.
   */
  claimOutbound(claim: OutboundClaim): Promise<boolean>;

  /** Records how a claimed message went. */
  completeOutbound(id: string, result: OutboundResult): Promise<void>;

  outboundFor(escalationId: string): Promise<OutboundRecord[]>;

  /** Saves a named conversation reference (the SOC channel), replacing the previous one. */
  saveConversation(name: string, reference: unknown, at: Date): Promise<void>;

  /** The saved reference, or null when none was captured yet. */
  conversation(name: string): Promise<unknown>;

  /** The escalation engine's durable state. */
  readonly engine: EngineStore;

  /** The morning digest's reads and once-per-morning bookkeeping. */
  readonly digests: DigestStore;

  /** A cheap round trip, for the health check. Throws when the database is unusable. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
