import type { Logger } from 'pino';

import type { IntakeStore } from '../../store/intake-store';
import type { Clock } from '../../time/clock';
import type { IncidentIntake } from '../incident-intake';
import type { SecurityIncidentSource } from './incident-source';
import { PollError } from './poll-error';
import { PollLog } from './poll-log';
import { receivePolledRows, type RowCounts } from './polled-rows';

/** What the poller needs; `clock` gives the poll window's end, UTC. */
export interface PollerDeps {
  readonly workspaceId: string;
  readonly everyMs: number;
  /** How far each poll looks back before the watermark, for rows ingested late. */
  readonly overlapMs: number;
  readonly source: SecurityIncidentSource;
  readonly intake: Pick<IncidentIntake, 'receive'>;
  readonly store: IntakeStore;
  /** Called when a poll opened an escalation, so the engine pages without waiting. */
  readonly onEscalation: () => void;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** What one poll did: its rows, whether the answer was partial, and its error. */
export interface PollOutcome extends RowCounts {
  readonly partial: boolean;
  readonly error: PollError | null;
}

const NOTHING = {
  rows: 0,
  recorded: 0,
  duplicates: 0,
  seen: 0,
  stale: 0,
  invalid: 0,
  opened: false,
  partial: false,
};

/**
 * The second intake: polls SecurityIncident and hands each row to the same intake as the
 * webhook. The durable watermark moves only after a complete poll's incidents are stored.
 */
export class IncidentPoller {
  readonly #deps: PollerDeps;
  readonly #log: PollLog;
  readonly #stop = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;

  constructor(deps: PollerDeps) {
    this.#deps = deps;
    this.#log = new PollLog(deps.logger);
  }

  /** Polls now, then `everyMs` after each poll ends; polls never overlap. */
  start(): void {
    this.#schedule(0);
  }

  /** Stops polling and waits for the poll in flight, which is abandoned. */
  async stop(): Promise<void> {
    this.#stop.abort();
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
    }

    await this.#running;
  }

  /** One poll. Never throws: a failure is logged and recorded on the intake's health. */
  async pollOnce(): Promise<PollOutcome> {
    try {
      return await this.#poll(this.#deps.clock());
    } catch (err) {
      return { ...NOTHING, error: await this.#failed(err) };
    }
  }

  async #poll(to: Date): Promise<PollOutcome> {
    const { store, workspaceId, overlapMs, source, intake, clock } = this.#deps;
    const watermark = (await store.pollWatermark(workspaceId)) ?? to;
    const window = { from: new Date(watermark.getTime() - overlapMs), to };
    const { rows, partialError } = await source.latestRows(window, this.#stop.signal);
    const counts = await receivePolledRows(rows, { workspaceId, store, intake, log: this.#log });
    if (counts.opened) {
      this.#deps.onEscalation();
    }

    if (partialError === null) {
      await store.advancePollWatermark(workspaceId, to, clock());
    } else {
      const { code, message } = partialError;
      await store.recordIntakeFailure('poll', { at: clock(), code, message });
      this.#log.partial(partialError, window);
    }

    await store.recordIntakeSuccess('poll', clock());
    const outcome = { ...counts, partial: partialError !== null, error: null };
    this.#log.succeeded(outcome, window);
    return outcome;
  }

  async #failed(err: unknown): Promise<PollError | null> {
    if (this.#stop.signal.aborted) {
      return null;
    }

    // The source throws PollErrors only; anything else failed while storing the incidents.
    const error =
      err instanceof PollError
        ? err
        : new PollError('POLL_STORE', `storing polled incidents: ${(err as Error).message}`, {
            cause: err,
          });
    const { code, message } = error;
    await this.#deps.store
      .recordIntakeFailure('poll', { at: this.#deps.clock(), code, message })
      .catch((cause: unknown) =>
        this.#deps.logger.error({ err: cause }, 'poll failure not stored'),
      );
    this.#log.failed(error);
    return error;
  }

  #schedule(ms: number): void {
    if (this.#stop.signal.aborted) {
      return;
    }

    this.#timer = setTimeout(() => {
      this.#running = this.pollOnce().finally(() => {
        this.#running = null;
        this.#schedule(this.#deps.everyMs);
      });
    }, ms);
  }
}
