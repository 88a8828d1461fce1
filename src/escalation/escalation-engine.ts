import type { Logger } from 'pino';

import type { PhoneGateway } from '../channels/phone-gateway';
import type { Person } from '../roster/roster-config';
import type { Acknowledgement, EscalationRecord, StepRecord } from '../store/engine-store';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { CallStep } from './call-step';
import { localTime } from './card-view';
import type { Notifier } from './notifier';
import { ackedSms, unansweredSms } from './page-texts';
import type { Pager } from './pager';

export interface EngineDeps {
  readonly store: Store;
  readonly pager: Pager;
  readonly notifier: Notifier;
  readonly phone: PhoneGateway;
  /** Resolves a chain target (a role or a person id) at the moment it is asked. */
  readonly resolve: (target: string) => Promise<Person | null>;
  readonly zone: string;
  readonly tickMs: number;
  /** Work that runs on every tick too: the morning digest. */
  readonly jobs?: readonly { tick(): Promise<void> }[];
  /** Per phone number: at most `calls` in any `withinMs`. */
  readonly callLimits: readonly { readonly calls: number; readonly withinMs: number }[];
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Answer of {@link EscalationEngine.acknowledge}. */
export interface AckOutcome {
  readonly accepted: boolean;
  readonly escalation: EscalationRecord | null;
}

/**
 * Runs escalations: announces new ones, runs due steps from their durable timers, ends them
 * when acknowledged, taken in Sentinel or unanswered. All state lives in the store, so a
 * restart resumes where the last process stopped.
 */
export class EscalationEngine {
  readonly #deps: EngineDeps;
  readonly #calls: CallStep;
  readonly #background = new Set<Promise<unknown>>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(deps: EngineDeps) {
    this.#deps = deps;
    this.#calls = new CallStep(deps);
  }

  /** Starts the timer loop; the first tick runs at once, after recovering a crash's leftovers. */
  start(): void {
    void this.#recover().finally(() => this.wake());
    this.#timer = setInterval(() => void this.wake(), this.#deps.tickMs);
  }

  /** Stops the loop and waits for the work in flight. */
  async stop(): Promise<void> {
    if (this.#timer) {
      clearInterval(this.#timer);
    }

    await this.#running;
    await Promise.allSettled([...this.#background]);
  }

  /** Runs a tick unless one is going; a tick asked for meanwhile follows it. */
  wake(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }

    this.#running = this.#loop().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /**
   * The one path of acknowledgement, from every channel. The first wins: pending steps are
   * cancelled, then the card and the manager are told. Later ones only go on the timeline.
   */
  async acknowledge(escalationId: string, who: Omit<Acknowledgement, 'at'>): Promise<AckOutcome> {
    const { store, notifier, clock } = this.#deps;
    const at = clock();
    const accepted = await store.engine.acknowledge(escalationId, { ...who, at });
    const escalation = await store.engine.escalation(escalationId);
    if (escalation === null) {
      return { accepted: false, escalation: null };
    }

    if (!accepted) {
      if (!isRepeat(escalation, who)) {
        await notifier.note(escalationId, `${who.by} also acknowledged (${who.via}): no change`);
      }

      return { accepted, escalation };
    }

    const text =
      who.via === 'sentinel'
        ? `taken in Sentinel (${who.by})`
        : `acknowledged by ${who.by} (${who.via})`;
    await notifier.note(escalationId, text);
    this.#later(this.#tellAcknowledged(escalation));
    return { accepted, escalation: await store.engine.escalation(escalationId) };
  }

  /** Steps a dead process left running are not run again: their call may have gone out. */
  async #recover(): Promise<void> {
    const { store, notifier, clock, logger } = this.#deps;
    try {
      for (const step of await store.engine.recoverInterrupted(clock())) {
        const note =
          `step ${step.idx + 1} (${step.target}) was interrupted by a restart: ` + 'not repeated';
        await notifier.note(step.escalationId, note);
      }
    } catch (err) {
      logger.error({ err }, 'recovering interrupted steps failed');
    }
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      await this.#tick().catch((err: unknown) => {
        this.#deps.logger.error({ err }, 'engine tick failed');
      });
    } while (this.#again);
  }

  async #tick(): Promise<void> {
    const { store, pager, clock } = this.#deps;
    // Calls first: a card or an SMS must never delay the phone ringing. Incidents taken in
    // Sentinel end before, so nobody is called for them.
    await this.#endTakenInSentinel();
    const due = await store.engine.dueSteps(clock());
    const byEscalation = new Map<string, StepRecord[]>();
    for (const step of due) {
      byEscalation.set(step.escalationId, [...(byEscalation.get(step.escalationId) ?? []), step]);
    }

    for (const steps of byEscalation.values()) {
      await this.#runDue(steps);
    }

    await pager.announceNew();
    await this.#tendStorms();
    for (const job of this.#deps.jobs ?? []) {
      await job.tick();
    }
  }

  /**
   * Of the call steps that fell due, only the latest runs; the earlier ones were missed
   * (the bot was not running) and go on the timeline. The finish step waits for calls.
   */
  async #runDue(steps: StepRecord[]): Promise<void> {
    const calls = steps.filter((step) => step.kind === 'call');
    const latest = calls.at(-1);
    if (latest === undefined) {
      const finish = steps.find((step) => step.kind === 'finish');
      return finish === undefined ? undefined : this.#finish(finish);
    }

    for (const missed of calls.slice(0, -1)) {
      await this.#miss(missed);
    }

    await this.#calls.run(latest);
  }

  async #miss(step: StepRecord): Promise<void> {
    const { store, notifier, clock, zone } = this.#deps;
    if (!(await store.engine.claimStep(step.escalationId, step.idx, clock()))) {
      return;
    }

    const dueAt = localTime(step.dueAt, zone, 'HH:mm:ss');
    const note =
      `step ${step.idx + 1} (${step.target}) missed: ` +
      `it fell due at ${dueAt} while the bot was not running`;
    await store.engine.finishStep(step.escalationId, step.idx, 'missed', note);
    await notifier.note(step.escalationId, note);
  }

  async #finish(step: StepRecord): Promise<void> {
    const { store, notifier, clock } = this.#deps;
    if (!(await store.engine.claimStep(step.escalationId, step.idx, clock()))) {
      return;
    }

    const unanswered = await store.engine.markUnanswered(step.escalationId, clock());
    await store.engine.finishStep(step.escalationId, step.idx, 'done', null);
    if (!unanswered) {
      return;
    }

    await notifier.note(
      step.escalationId,
      'unanswered: the chain ended without an acknowledgement',
    );
    this.#later(this.#tellUnanswered(step.escalationId));
  }

  /** Closes storms gone quiet, and refreshes storm cards once per tick as members join. */
  async #tendStorms(): Promise<void> {
    const { store, notifier, clock, logger } = this.#deps;
    for (const stormId of await store.engine.closeQuietStorms(clock())) {
      logger.info({ stormId }, 'storm closed');
    }

    for (const storm of await store.engine.stormsToRefresh()) {
      await store.engine.markStormCarded(storm.stormId, storm.count);
      await notifier.refreshCard(storm.escalationId);
    }
  }

  async #endTakenInSentinel(): Promise<void> {
    for (const taken of await this.#deps.store.engine.takenInSentinel()) {
      const by =
        taken.status === 'Closed' ? 'closed in Sentinel' : `owned by ${taken.owner ?? 'someone'}`;
      await this.acknowledge(taken.id, { by, byId: null, via: 'sentinel' });
    }
  }

  async #tellAcknowledged(escalation: EscalationRecord): Promise<void> {
    const { notifier, resolve } = this.#deps;
    await notifier.refreshCard(escalation.id);
    const manager = await resolve('manager');
    if (manager !== null && escalation.ack !== null) {
      await notifier.sms(
        escalation.id,
        'notify-manager-acknowledged',
        manager,
        ackedSms(escalation),
      );
    }
  }

  async #tellUnanswered(escalationId: string): Promise<void> {
    const { notifier, resolve, store } = this.#deps;
    await notifier.refreshCard(escalationId);
    const manager = await resolve('manager');
    const escalation = await store.engine.escalation(escalationId);
    if (manager !== null && escalation !== null) {
      await notifier.sms(
        escalationId,
        'notify-manager-unanswered',
        manager,
        unansweredSms(escalation),
      );
    }
  }

  /** Work that follows an answer; failures are logged, and stop() waits for it. */
  #later(work: Promise<unknown>): void {
    const tracked = work.catch((err: unknown) =>
      this.#deps.logger.error({ err }, 'follow-up failed'),
    );
    this.#background.add(tracked);
    void tracked.finally(() => this.#background.delete(tracked));
  }
}

/** The same person through the same channel again: a double click or a redelivery. */
function isRepeat(escalation: EscalationRecord, who: Omit<Acknowledgement, 'at'>): boolean {
  const { ack } = escalation;
  return ack !== null && ack.via === who.via && (ack.byId ?? ack.by) === (who.byId ?? who.by);
}
