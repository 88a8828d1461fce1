import type { Logger } from 'pino';

import type { Person } from '../roster/roster-config';
import type { EscalationToPage, Store } from '../store/store';
import type { Clock } from '../time/clock';
import type { Notifier } from './notifier';
import { managerOpenedSms, stormOpenedSms } from './page-texts';

export { SOC_CHANNEL } from './notifier';

export interface PagerDeps {
  readonly store: Store;
  readonly notifier: Notifier;
  /** Who holds a role now. */
  readonly holder: (role: 'primary' | 'manager') => Promise<Person | null>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Announces newly opened escalations: the card in the SOC channel and the SMS to the
 * manager. Calls are steps of the chain, run by the engine.
 */
export class Pager {
  readonly #deps: PagerDeps;

  constructor(deps: PagerDeps) {
    this.#deps = deps;
  }

  /** Announces every open escalation not yet announced. Safe to run from several places. */
  async announceNew(): Promise<void> {
    for (const escalation of await this.#deps.store.escalationsToPage()) {
      await this.#announce(escalation);
    }
  }

  async #announce(escalation: EscalationToPage): Promise<void> {
    const { store, notifier, holder, clock, logger } = this.#deps;
    const primary = await holder('primary');
    const manager = await holder('manager');
    const calling = primary === null ? 'Nobody is on call as primary' : `Calling ${primary.name}`;
    await store.engine.setCalling(escalation.id, primary?.name ?? 'nobody');
    const card = await notifier.card(escalation.id);
    const text = await this.#openedSms(escalation, calling);
    const sms =
      manager === null
        ? Promise.resolve(null)
        : notifier.sms(escalation.id, 'notify-manager-opened', manager, text);

    await Promise.all([sms, card === null ? null : notifier.postCard(escalation.id, card)]);
    await store.markPaged(escalation.id, clock());

    // Acknowledged while the card was on its way: the update then found no post to replace.
    const now = await store.engine.escalation(escalation.id);
    if (now !== null && now.state !== 'open') {
      await notifier.refreshCard(escalation.id);
    }

    logger.info({ escalationId: escalation.id }, 'escalation announced');
  }

  async #openedSms(escalation: EscalationToPage, calling: string): Promise<string> {
    const record = await this.#deps.store.engine.escalation(escalation.id);
    const storm = record?.stormId ? await this.#deps.store.engine.storm(record.stormId) : null;
    return storm === null
      ? managerOpenedSms(escalation.incident, escalation.displayTitle, calling)
      : stormOpenedSms(storm, calling);
  }
}
