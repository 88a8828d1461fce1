import { randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import type { HeartbeatConfig } from '../config/app-config';
import { blindness, type Blindness } from '../intake/heartbeat-rule';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import type { BlindNotices } from './heartbeat-notices';

/** The rule's thresholds, the store it rests on, and who sends its notices. */
export interface HeartbeatDeps {
  readonly config: HeartbeatConfig;
  /** Whether the poller runs: without it, only the silence counts. */
  readonly polling: boolean;
  readonly store: Store;
  readonly notices: Pick<BlindNotices, 'send'>;
  readonly clock: Clock;
  readonly logger: Logger;
}

const MIN_TICK_MS = 200;
const MAX_TICK_MS = 30_000;

/**
 * Watches whether the bot can see Sentinel and tells people once when it cannot, and once
 * when it can again. The blind period and its notices live in the store, so neither a tick,
 * a restart nor a second instance repeats a message.
 */
export class Heartbeat {
  readonly #deps: HeartbeatDeps;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(deps: HeartbeatDeps) {
    this.#deps = deps;
  }

  /** How often the rule is checked: a tenth of its shortest threshold, within 0.2 s and 30 s. */
  get tickMs(): number {
    const { silentForMs, pollFailingForMs } = this.#deps.config;
    const shortest = this.#deps.polling ? Math.min(silentForMs, pollFailingForMs) : silentForMs;
    return Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, Math.round(shortest / 10)));
  }

  /** Checks every tick; the first check waits a tick, so a restart's first poll comes first. */
  start(): void {
    this.#timer = setInterval(() => {
      this.#running ??= this.check()
        .catch((err: unknown) => this.#deps.logger.error({ err }, 'heartbeat check failed'))
        .finally(() => {
          this.#running = null;
        });
    }, this.tickMs);
  }

  async stop(): Promise<void> {
    if (this.#timer !== null) {
      clearInterval(this.#timer);
    }

    await this.#running;
  }

  /** One check: opens or ends the blind period, then sends the notices still due. */
  async check(): Promise<void> {
    const { store, notices } = this.#deps;
    const now = this.#deps.clock();
    const blind = await this.#evaluate(now);
    if (blind === null) {
      await this.#recover(now);
    } else {
      await this.#open(blind, now);
    }

    for (const { period, kind } of await store.blindNoticesDue()) {
      await notices.send(period, kind);
    }
  }

  async #evaluate(now: Date): Promise<Blindness | null> {
    const { store, config, polling } = this.#deps;
    const watching = await store.watchingSince(now);
    const arrived = await store.lastIncidentArrival();
    const poll = (await store.intakeHealth()).find((h) => h.intake === 'poll');
    return blindness({
      now,
      silentForMs: config.silentForMs,
      pollFailingForMs: config.pollFailingForMs,
      poll: polling
        ? { failingSince: poll?.failingSince ?? null, lastSuccessAt: poll?.lastSuccessAt ?? null }
        : null,
      lastArrival: arrived !== null && arrived > watching ? arrived : watching,
    });
  }

  async #open(blind: Blindness, now: Date): Promise<void> {
    const id = randomUUID();
    const period = await this.#deps.store.openBlindPeriod({ id, ...blind, openedAt: now });
    if (period.id === id) {
      const since = blind.since.toISOString();
      this.#deps.logger.warn({ periodId: id, reason: blind.reason, since }, 'Sentinel not visible');
    }
  }

  async #recover(now: Date): Promise<void> {
    const period = await this.#deps.store.closeBlindPeriod(now);
    if (period !== null) {
      this.#deps.logger.info({ periodId: period.id }, 'Sentinel visible again');
    }
  }
}
