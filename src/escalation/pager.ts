import type { Logger } from 'pino';

import type { Person } from '../roster/roster-config';
import type { EscalationToPage, Store } from '../store/store';
import type { Clock } from '../time/clock';
import type { Notifier } from './notifier';
import { managerOpenedSms } from './page-texts';

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
    const sms =
      manager === null
        ? Promise.resolve(null)
        : notifier.sms(
            escalation.id,
            'notify-manager-opened',
            manager,
            managerOpenedSms(escalation.incident, escalation.displayTitle, calling),
          );

    await Promise.all([sms, card === null ? null : notifier.postCard(escalation.id, card)]);
    await store.markPaged(escalation.id, clock());
    logger.info({ escalationId: escalation.id }, 'escalation announced');
  }
}
