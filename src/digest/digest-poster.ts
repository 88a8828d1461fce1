import type { Logger } from 'pino';

import { digestCard } from '../cards/digest-card';
import type { TeamsChannelReference, TeamsPublisher } from '../channels/teams-publisher';
import { SOC_CHANNEL } from '../escalation/notifier';
import type { EscalationPolicy } from '../rules/policy';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { dueNight } from './digest-window';
import { nightDigest } from './night-digest';

export interface DigestPosterDeps {
  readonly store: Store;
  readonly teams: TeamsPublisher;
  readonly policy: EscalationPolicy;
  /** Shadow mode: the digest says so and compares with what analysts did. */
  readonly shadow?: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** A claim older than this is taken to belong to a poster that died. */
const LEASE_MS = 5 * 60_000;
const MAX_RETRY_MS = 15 * 60_000;

/**
 * Posts the morning digest once per morning, at the first business hour after a night.
 * Once-ness rests on the digest's row; a failed post is retried with backoff.
 */
export class DigestPoster {
  readonly #deps: DigestPosterDeps;

  constructor(deps: DigestPosterDeps) {
    this.#deps = deps;
  }

  /** Posts the digest if one is due and not posted. Safe to call on every engine tick. */
  async tick(): Promise<void> {
    const { store, policy, clock } = this.#deps;
    const now = clock();
    const night = dueNight(now, policy);
    if (night === null) {
      return;
    }

    // Nothing held is forgotten: a digest missed (the bot was down) is covered by the next.
    const lastEnd = await store.digests.lastDigestEnd();
    const start = lastEnd !== null && lastEnd < night.start ? lastEnd : night.start;
    const claim = await store.digests.claimDigest(night.morning, start, night.end, now, LEASE_MS);
    if (claim !== 'claimed') {
      return;
    }

    await this.#post({ ...night, start }, now);
  }

  async #post(night: { morning: string; start: Date; end: Date }, now: Date): Promise<void> {
    const { store, teams, policy, logger } = this.#deps;
    try {
      const reference = (await store.conversation(SOC_CHANNEL)) as TeamsChannelReference | null;
      if (reference === null) {
        throw new Error('no Teams channel known');
      }

      const view = await nightDigest(store.digests, night, policy.timezone, this.#deps.shadow);
      await teams.post(reference, digestCard(view));
      await store.digests.markDigestPosted(night.morning, this.#deps.clock());
      logger.info({ morning: night.morning, held: view.heldCount }, 'digest posted');
    } catch (err) {
      const row = await this.#attempts(night.morning);
      const retryMs = Math.min(MAX_RETRY_MS, 30_000 * 2 ** Math.max(0, row - 1));
      const error = (err as Error).message;
      await store.digests.markDigestFailed(night.morning, error, new Date(now.getTime() + retryMs));
      logger.warn({ morning: night.morning, error, retryMs }, 'digest post failed: will retry');
    }
  }

  async #attempts(morning: string): Promise<number> {
    return (await this.#deps.store.digests.attempts(morning)) ?? 1;
  }
}
