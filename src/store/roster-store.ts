import type { PhoneNumber } from '../roster/phone-number';
import type { Role } from '../roster/roster-config';

/** A number a person registered in chat and confirmed with the texted code. */
export interface RegisteredPhone {
  /** The config id, or "teams:<Teams user id>" for someone not in the config. */
  readonly personId: string;
  readonly teamsUserId: string;
  readonly name: string;
  readonly phone: PhoneNumber;
  readonly verifiedAt: Date;
}

/** A number waiting for its code. Only a hash of the code is kept. */
export interface PendingPhone {
  readonly personId: string;
  readonly teamsUserId: string;
  readonly name: string;
  readonly phone: PhoneNumber;
  readonly codeHash: string;
  /** Codes tried so far. */
  readonly attempts: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** A change of who holds a role, made in chat. Names are kept as they were then. */
export interface NewOverride {
  readonly role: Role;
  readonly personId: string;
  readonly personName: string;
  /** Who held the role just before, or null when nobody did. */
  readonly previousPersonId: string | null;
  readonly previousName: string | null;
  readonly setById: string;
  readonly setByName: string;
  /** Also when it starts: an override applies from the moment it is set. */
  readonly setAt: Date;
  /** Null: until the next change. */
  readonly until: Date | null;
}

/** A stored override. */
export interface OnCallOverride extends NewOverride {
  readonly id: number;
}

/** One escalation as the history lists it. */
export interface EscalationSummary {
  readonly id: string;
  readonly incidentNumber: number;
  readonly severity: string;
  readonly displayTitle: string;
  readonly state: string;
  readonly openedAt: Date;
  readonly endedAt: Date | null;
  /** Who acknowledged, and through which channel, when someone did. */
  readonly acknowledgedBy: string | null;
  readonly acknowledgedVia: string | null;
}

/**
 * Persistence of the roster's chat changes. Times are instants (UTC); reading them in the
 * SOC's zone is the caller's job. Nothing here decides policy: the roster does.
 */
export interface RosterStore {
  /** Appends an override; the latest one set at or before an instant decides its role. */
  saveOverride(override: NewOverride): Promise<OnCallOverride>;

  /** The latest override of `role` set at or before `at`, ended or not; null when none. */
  latestOverride(role: Role, at: Date): Promise<OnCallOverride | null>;

  /** The last `limit` overrides of any role, newest first. */
  recentOverrides(limit: number): Promise<OnCallOverride[]>;

  /** The last `limit` escalations with their incident, newest first. */
  recentEscalations(limit: number): Promise<EscalationSummary[]>;

  /** The confirmed number of a person, or null when they never confirmed one in chat. */
  registeredPhone(personId: string): Promise<RegisteredPhone | null>;

  /** The confirmed number registered from a Teams account, or null. */
  registeredPhoneOfTeamsUser(teamsUserId: string): Promise<RegisteredPhone | null>;

  /** The confirmed chat numbers equal to `phone` (E.164), oldest confirmation first. */
  registeredPhonesByNumber(phone: PhoneNumber): Promise<RegisteredPhone[]>;

  /** Stores a number waiting for its code, replacing any earlier one of the same person. */
  savePendingPhone(pending: PendingPhone): Promise<void>;

  /** The number waiting for a code from a person, expired or not; null when none. */
  pendingPhone(personId: string): Promise<PendingPhone | null>;

  /**
   * Counts one try of the pending code whose hash is `codeHash`. Answers the tries made
   * including this one, or null when that code is gone or had `maxAttempts` tries already.
   */
  countPhoneAttempt(
    personId: string,
    codeHash: string,
    maxAttempts: number,
  ): Promise<number | null>;

  /**
   * Makes the pending number with hash `codeHash` the person's confirmed number, recording
   * the previous one, in one transaction. Null when that pending number is gone.
   */
  confirmPhone(personId: string, codeHash: string, at: Date): Promise<RegisteredPhone | null>;
}
