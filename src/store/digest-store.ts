/** An incident the bot held, as the digest lists it. */
export interface HeldIncident {
  readonly number: number;
  readonly title: string;
  readonly severity: string;
  readonly createdUtc: string;
  readonly url: string | null;
  /** What analysts did with it so far. */
  readonly analysts: AnalystVerdict;
}

/** An incident's state as analysts left it: the comparison of shadow mode reads this. */
export interface AnalystVerdict {
  readonly status: string;
  readonly owner: string | null;
  readonly classification: string | null;
}

/** An escalation of the night, with how it ended. */
export interface NightEscalation {
  readonly incidentNumber: number;
  readonly title: string;
  readonly state: string;
  readonly openedAt: Date;
  readonly endedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedVia: string | null;
  readonly stormCount: number | null;
  /** What analysts did with the incident that opened it. */
  readonly analysts: AnalystVerdict;
}

/** Where a morning's digest post stands. */
export type DigestClaim = 'claimed' | 'posted' | 'busy' | 'later';

/**
 * The digest's reads, and its once-per-morning bookkeeping. A morning's row is created once
 * (primary key), and claiming it for a post is a conditional update: one poster at a time.
 */
export interface DigestStore {
  /** Incidents decided "hold", created in `[from, to)`, oldest first. */
  heldIncidents(from: Date, to: Date): Promise<HeldIncident[]>;

  /** Escalations opened in `[from, to)`, oldest first. */
  nightEscalations(from: Date, to: Date): Promise<NightEscalation[]>;

  /** The end of the last night a posted digest covered, or null before the first digest. */
  lastDigestEnd(): Promise<Date | null>;

  /**
   * Claims the right to post a morning's digest. "posted": done before; "busy": another
   * poster holds a fresh claim; "later": a failed attempt waits for its retry time.
   */
  claimDigest(
    morning: string,
    from: Date,
    to: Date,
    now: Date,
    leaseMs: number,
  ): Promise<DigestClaim>;

  markDigestPosted(morning: string, now: Date): Promise<void>;

  /** How many times a morning's post was attempted; null before the first. */
  attempts(morning: string): Promise<number | null>;

  /** Records a failed post; the next attempt waits until `retryAt`. */
  markDigestFailed(morning: string, error: string, retryAt: Date): Promise<void>;
}
