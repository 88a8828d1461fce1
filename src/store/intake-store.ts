import type { BlindReason } from '../intake/heartbeat-rule';
import type { IncidentEvent } from '../intake/incident';

/** The intakes incidents arrive through. */
export type IntakeName = IncidentEvent['source'];

/** A failure of an intake, as /healthz shows it. */
export interface IntakeError {
  readonly at: Date;
  /** Stable code, such as "LOGS_AUTH" or "HTTP_401". */
  readonly code: string;
  /** Short and free of secrets: it is shown on /healthz. */
  readonly message: string;
}

/** How one intake has been doing. */
export interface IntakeHealthRecord {
  readonly intake: IntakeName;
  readonly lastSuccessAt: Date | null;
  readonly lastError: IntakeError | null;
  /** The first failure after the last success; null while the intake works. */
  readonly failingSince: Date | null;
}

/** A polled row, by its incident and its deterministic event id. */
export interface PolledRowKey {
  readonly incidentId: string;
  readonly eventId: string;
}

/** What is stored of a polled row's incident. */
export interface KnownIncident {
  readonly lastModifiedUtc: string;
  readonly eventSeen: boolean;
}

/** A stretch of time in which the bot could not see Sentinel. At most one is open. */
export interface BlindPeriod {
  readonly id: string;
  readonly reason: BlindReason;
  /** When the bot last saw Sentinel before the period. */
  readonly since: Date;
  readonly openedAt: Date;
  /** Null while the bot is still blind. */
  readonly recoveredAt: Date | null;
}

/** The two messages of a blind period: "cannot see Sentinel", then "sees it again". */
export type BlindNoticeKind = 'blind' | 'recovered';

/** A notice goes to the manager by SMS and to the SOC channel as a card. */
export type BlindNoticeChannel = 'sms' | 'teams';

/** One notice to claim before it is sent. */
export interface BlindNoticeClaim {
  readonly periodId: string;
  readonly kind: BlindNoticeKind;
  readonly channel: BlindNoticeChannel;
  /** A phone number, or the SOC channel's name. */
  readonly recipient: string;
  /** Our own message id, given to the provider. */
  readonly messageId: string;
  readonly at: Date;
}

/** How a claimed notice went. */
export interface BlindNoticeResult {
  readonly status: 'accepted' | 'dry-run' | 'failed' | 'skipped';
  readonly providerId: string | null;
  readonly error: string | null;
  readonly at: Date;
}

/**
 * Durable state of the intakes: the poll watermark, each intake's health and the heartbeat's
 * blind periods. Instants are stored in UTC. Every "once" rests on a key in the database.
 */
export interface IntakeStore {
  /** The instant up to which a workspace was polled completely; null before the first poll. */
  pollWatermark(workspaceId: string): Promise<Date | null>;

  /** Moves the watermark to `to` when that is later; it never moves back. Idempotent. */
  advancePollWatermark(workspaceId: string, to: Date, at: Date): Promise<void>;

  /**
   * For each polled row whose incident is stored, by incident id: the stored last-modified
   * instant (UTC ISO) and whether the row's event was stored already.
   */
  knownIncidents(rows: readonly PolledRowKey[]): Promise<Map<string, KnownIncident>>;

  /** An intake worked at `at`: its failure streak ends. */
  recordIntakeSuccess(intake: IntakeName, at: Date): Promise<void>;

  /** An intake failed; the streak starts at its first failure after a success. */
  recordIntakeFailure(intake: IntakeName, error: IntakeError): Promise<void>;

  /** Every intake that recorded an outcome. */
  intakeHealth(): Promise<IntakeHealthRecord[]>;

  /** Distinct incidents per intake with an event received at or after `since`. */
  incidentsReceivedSince(since: Date): Promise<Partial<Record<IntakeName, number>>>;

  /** When the latest incident event arrived through any intake; null when none ever did. */
  lastIncidentArrival(): Promise<Date | null>;

  /** When the heartbeat first watched: `at` on the first call ever, the stored value after. */
  watchingSince(at: Date): Promise<Date>;

  /** Opens `candidate` unless a period is open already; answers the open period. */
  openBlindPeriod(candidate: Omit<BlindPeriod, 'recoveredAt'>): Promise<BlindPeriod>;

  /** Ends the open period; answers it, or null when none was open. */
  closeBlindPeriod(at: Date): Promise<BlindPeriod | null>;

  /** The open period, or null while the bot sees Sentinel. */
  openPeriod(): Promise<BlindPeriod | null>;

  /**
   * Notices still to send: "blind" for the open period, "recovered" for ended periods whose
   * "blind" notice went out. A notice counts once claimed, whatever became of it.
   */
  blindNoticesDue(): Promise<{ period: BlindPeriod; kind: BlindNoticeKind }[]>;

  /** Claims one notice; false when it was claimed before: it must not be sent again. */
  claimBlindNotice(claim: BlindNoticeClaim): Promise<boolean>;

  /** Records how a claimed notice went. */
  completeBlindNotice(
    claim: Pick<BlindNoticeClaim, 'periodId' | 'kind' | 'channel'>,
    result: BlindNoticeResult,
  ): Promise<void>;
}
