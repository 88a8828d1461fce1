import type { StepRecord } from '../store/engine-store';
import { maskPhone } from '../roster/phone-number';
import type { Person } from '../roster/roster-config';
import type { EngineDeps } from './escalation-engine';
import { formatDuration } from './chain';
import { callText, stormCallText } from './page-texts';

/**
 * Runs one call step: claims it, resolves whom to call at this moment, respects the
 * per-number limits and calls. A refused call moves the chain on at once.
 */
export class CallStep {
  readonly #deps: EngineDeps;

  constructor(deps: EngineDeps) {
    this.#deps = deps;
  }

  async run(step: StepRecord): Promise<void> {
    const { store, notifier, clock, resolve } = this.#deps;
    const { escalationId, idx } = step;
    if (!(await store.engine.claimStep(escalationId, idx, clock()))) {
      return;
    }

    const label = `step ${idx + 1} (${step.target})`;
    const person = await resolve(step.target ?? '');
    const escalation = await store.engine.escalation(escalationId);
    if (escalation === null || escalation.state !== 'open') {
      await store.engine.finishStep(escalationId, idx, 'cancelled', 'ended before the call');
      return;
    }

    if (person === null) {
      const note = `${label}: nobody holds "${step.target}": skipped`;
      await this.#end(step, 'skipped', note);
      return;
    }

    const limited = await this.#limited(person);
    if (limited !== null) {
      await store.engine.finishStep(escalationId, idx, 'skipped', `rate-limited:${person.phone}`);
      await notifier.note(escalationId, `${label}: ${person.name} not called again: ${limited}`);
      await this.#afterCall(step);
      return;
    }

    await this.#call(step, label, person, escalation);
  }

  async #call(
    step: StepRecord,
    label: string,
    person: Person,
    escalation: NonNullable<Awaited<ReturnType<EngineDeps['store']['engine']['escalation']>>>,
  ): Promise<void> {
    const { store, notifier, phone, clock } = this.#deps;
    const waiting = await store.engine.waitingFor(person.phone, escalation.id);
    const storm = escalation.stormId === null ? null : await store.engine.storm(escalation.stormId);
    const text =
      storm === null
        ? callText(escalation.incident, escalation.displayTitle, escalation.reasons, waiting)
        : stormCallText(storm, escalation.reasons, waiting);
    const delivery = await notifier.deliver(escalation.id, {
      channel: 'voice',
      purpose: `call-step-${step.idx}`,
      recipient: person.phone,
      logRecipient: maskPhone(person.phone),
      send: (messageId) => phone.call({ messageId, to: person.phone, text }),
    });

    await store.engine.setCalling(escalation.id, person.name);
    if (delivery.sent) {
      await this.#end(step, 'done', `${label}: called ${person.name}`);
      await notifier.refreshCard(escalation.id);
      return;
    }

    const error = delivery.error?.message ?? 'not sent';
    await this.#end(step, 'done', `${label}: call to ${person.name} failed: ${error}`);
    if (delivery.error?.refused) {
      await store.engine.advanceNextStep(escalation.id, clock());
    }
  }

  async #end(step: StepRecord, state: 'done' | 'skipped', note: string): Promise<void> {
    const { store, notifier } = this.#deps;
    await store.engine.finishStep(step.escalationId, step.idx, state, note);
    await notifier.note(step.escalationId, note);
    await this.#afterCall(step);
  }

  /** The escalation is unanswered only some time after the last call, however late it ran. */
  async #afterCall(step: StepRecord): Promise<void> {
    const { store, clock } = this.#deps;
    const escalation = await store.engine.escalation(step.escalationId);
    if (escalation === null) {
      return;
    }

    const notBefore = new Date(clock().getTime() + escalation.unansweredAfterMs);
    await store.engine.postponeFinish(step.escalationId, notBefore);
  }

  /** Why a person may not be called now, or null when they may. */
  async #limited(person: Person): Promise<string | null> {
    const { store, clock } = this.#deps;
    for (const limit of this.#deps.callLimits) {
      const since = new Date(clock().getTime() - limit.withinMs);
      if ((await store.engine.countCalls(person.phone, since)) >= limit.calls) {
        const window = formatDuration(limit.withinMs);
        return `${limit.calls} calls in the last ${window}; bundled into the next call`;
      }
    }

    return null;
  }
}
