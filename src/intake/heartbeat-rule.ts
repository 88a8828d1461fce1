/** Why the bot counts itself blind. */
export type BlindReason = 'poll-failing' | 'silent';

/** The bot cannot see Sentinel: why, and since when it last could. */
export interface Blindness {
  readonly reason: BlindReason;
  /** The last instant the bot saw Sentinel: its last poll success or incident arrival. */
  readonly since: Date;
}

/** What the heartbeat rule looks at. Instants are absolute (UTC); no time zone is involved. */
export interface HeartbeatInput {
  readonly now: Date;
  readonly silentForMs: number;
  readonly pollFailingForMs: number;
  /** Null when polling is off. */
  readonly poll: {
    /** The first failure after the last success; null while polling works. */
    readonly failingSince: Date | null;
    readonly lastSuccessAt: Date | null;
  } | null;
  /** The last incident event through any intake, or when watching began if none came since. */
  readonly lastArrival: Date;
}

/**
 * The heartbeat rule: blind when polling has failed for `pollFailingForMs`, or when no incident
 * arrived through any intake for `silentForMs`. Pure: the caller supplies the clock's reading.
 */
export function blindness(input: HeartbeatInput): Blindness | null {
  const { now, poll } = input;
  const failingSince = poll?.failingSince ?? null;
  if (failingSince !== null && elapsed(failingSince, now) >= input.pollFailingForMs) {
    return { reason: 'poll-failing', since: poll?.lastSuccessAt ?? failingSince };
  }

  if (elapsed(input.lastArrival, now) >= input.silentForMs) {
    return { reason: 'silent', since: input.lastArrival };
  }

  return null;
}

function elapsed(from: Date, to: Date): number {
  return to.getTime() - from.getTime();
}
