import {
  DelegateBackoff,
  handleWhen,
  retry,
  type IRetryBackoffContext,
  type RetryPolicy,
} from 'cockatiel';

import { PollError } from './poll-error';

/** Retries per query, after the first try. */
const MAX_RETRIES = 3;
const MAX_DELAY_MS = 60_000;

/**
 * Retries a query on 429, 5xx, timeouts and network errors with exponential backoff from
 * `initialDelayMs`, or after what the service's Retry-After asks (capped at a minute).
 */
export function pollRetry(initialDelayMs: number): RetryPolicy {
  return retry(
    handleWhen((err) => err instanceof PollError && err.retryable),
    {
      maxAttempts: MAX_RETRIES,
      backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) =>
        retryDelay(context, initialDelayMs),
      ),
    },
  );
}

/** The wait before retry number `attempt` (1-based), with 20 % jitter on the backoff. */
function retryDelay(context: IRetryBackoffContext<unknown>, initialDelayMs: number): number {
  const error = 'error' in context.result ? context.result.error : null;
  if (error instanceof PollError && error.retryAfterMs !== null) {
    return Math.min(error.retryAfterMs, MAX_DELAY_MS);
  }

  const backoff = initialDelayMs * 2 ** (context.attempt - 1);
  const jitter = 0.8 + Math.random() * 0.4;
  return Math.min(Math.round(backoff * jitter), MAX_DELAY_MS);
}
