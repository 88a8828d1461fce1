import type { Incident } from '../intake/incident';
import type { OutboundRecord } from './store';

/** Where an escalation stands. */
export type EscalationState = 'open' | 'acknowledged' | 'unanswered';

/** Every path that can acknowledge an escalation. */
export type AckChannel = 'teams' | 'keypress' | 'sms' | 'sentinel';

/** Who acknowledged, when and how. */
export interface Acknowledgement {
  readonly by: string;
  readonly byId: string | null;
  readonly via: AckChannel;
  readonly at: Date;
}

/** An escalation with its incident, for the engine and the views. */
export interface EscalationRecord {
  readonly id: string;
  readonly incident: Incident;
  readonly displayTitle: string;
  readonly reasons: readonly string[];
  readonly state: EscalationState;
  readonly openedAt: Date;
  readonly endedAt: Date | null;
  readonly ack: Acknowledgement | null;
  /** Time after the last call before "unanswered", frozen at open. */
  readonly unansweredAfterMs: number;
  /** Set when this escalation pages for a storm rather than one incident. */
  readonly stormId: string | null;
}

/** Incidents of a storm that share a title. */
export interface StormGroup {
  readonly title: string;
  readonly count: number;
  readonly severities: string;
  /** A link to the newest incident of the group. */
  readonly url: string | null;
}

/** A storm as its card and call tell it. */
export interface StormSummary {
  readonly id: string;
  readonly state: 'open' | 'closed';
  readonly count: number;
  readonly firstCreatedUtc: string;
  readonly lastCreatedUtc: string;
  readonly severities: Readonly<Record<string, number>>;
  /** Title groups, largest first. */
  readonly groups: readonly StormGroup[];
}

export type StepState =
  'pending' | 'running' | 'done' | 'skipped' | 'missed' | 'cancelled' | 'interrupted';

/** One durable timer of an escalation. */
export interface StepRecord {
  readonly escalationId: string;
  readonly idx: number;
  readonly kind: 'call' | 'finish';
  readonly target: string | null;
  readonly dueAt: Date;
  readonly state: StepState;
}

export interface TimelineEntry {
  readonly at: Date;
  readonly text: string;
}

/** What a voice or SMS report says about one message. */
export interface DeliveryReport {
  readonly messageId: string;
  readonly outcome: string;
  readonly dtmf: string | null;
  readonly at: Date;
}

/**
 * Durable state of running escalations. Steps are timers in the database: claiming one is
 * a conditional update, so no step runs twice, whatever the number of processes.
 */
export interface EngineStore {
  /** Pending steps due at `now` of open escalations, by escalation and due time. */
  dueSteps(now: Date): Promise<StepRecord[]>;

  /** Marks a pending step running; false when it was claimed, cancelled or the escalation ended. */
  claimStep(escalationId: string, idx: number, now: Date): Promise<boolean>;

  /** Records how a claimed (or skipped) step ended. */
  finishStep(
    escalationId: string,
    idx: number,
    state: StepState,
    note: string | null,
  ): Promise<void>;

  /**
   * Marks steps left running by a process that died as interrupted. They are never run
   * again: their call may have gone out. Answers the steps marked.
   */
  recoverInterrupted(startedBefore: Date): Promise<StepRecord[]>;

  /** Moves the next pending step of an open escalation to `now` (a hard failure). */
  advanceNextStep(escalationId: string, now: Date): Promise<boolean>;

  /** Makes sure the finish step is not due before `notBefore`. */
  postponeFinish(escalationId: string, notBefore: Date): Promise<void>;

  /**
   * The one state change of acknowledgement. The first wins and cancels pending steps; a
   * later one is recorded on the timeline and changes nothing. Answers whether it won.
   */
  acknowledge(escalationId: string, ack: Acknowledgement): Promise<boolean>;

  /** Open → unanswered; false when it was acknowledged first. */
  markUnanswered(escalationId: string, at: Date): Promise<boolean>;

  addTimeline(escalationId: string, at: Date, text: string): Promise<void>;
  timeline(escalationId: string): Promise<TimelineEntry[]>;
  escalation(id: string): Promise<EscalationRecord | null>;
  outboundById(messageId: string): Promise<OutboundRecord | null>;

  /** Stores a report once; false for a repeat. */
  recordReport(report: DeliveryReport): Promise<boolean>;

  /** Open escalations whose incident Sentinel shows Closed or owned. */
  takenInSentinel(): Promise<{ id: string; owner: string | null; status: string }[]>;

  /** The most recent open escalation of an incident number. */
  openEscalationByNumber(incidentNumber: number): Promise<string | null>;

  /** A storm with its members grouped by title; null when unknown. */
  storm(stormId: string): Promise<StormSummary | null>;

  /**
   * Closes open storms with no new member for their window, by creation time and by arrival;
   * answers the closed ids.
   */
  closeQuietStorms(now: Date): Promise<string[]>;

  /** Storms whose card shows fewer members than they have. */
  stormsToRefresh(): Promise<{ stormId: string; escalationId: string; count: number }[]>;

  /** Records that the card shows `count` members. */
  markStormCarded(stormId: string, count: number): Promise<void>;

  /** Records whom the escalation is calling now, for the card. */
  setCalling(escalationId: string, calling: string): Promise<void>;

  /** Whom the escalation called last, or null before the first call. */
  calling(escalationId: string): Promise<string | null>;

  /** Open escalations, other than `exceptId`, whose calls to a number were held back. */
  waitingFor(recipient: string, exceptId: string): Promise<number>;

  /** Voice calls claimed for a number since an instant. */
  countCalls(recipient: string, since: Date): Promise<number>;

  /** Counts one more "not understood" reply to a number on a day; answers the new count. */
  countNotUnderstood(phone: string, day: string): Promise<number>;

  /** True the first time an inbound message id is seen. */
  rememberInbound(messageId: string, at: Date): Promise<boolean>;
}
