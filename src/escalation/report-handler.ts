import { randomUUID } from 'node:crypto';

import { DateTime } from 'luxon';
import type { Logger } from 'pino';

import type { InboundSms, SmsReport, VoiceReport } from '../channels/infobip-reports';
import type { PhoneGateway } from '../channels/phone-gateway';
import { maskPhone } from '../roster/phone-number';
import type { Person } from '../roster/roster-config';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import type { EscalationEngine } from './escalation-engine';
import type { Notifier } from './notifier';

/** At most this many "not understood" answers go to one number per day. */
const NOT_UNDERSTOOD_PER_DAY = 5;

const ACK_COMMAND = /^\s*(?:ACK|A)\s*#?\s*(\d{1,12})\s*[.!]?\s*$/i;

export interface ReportHandlerDeps {
  readonly store: Store;
  readonly engine: EscalationEngine;
  readonly notifier: Notifier;
  readonly phone: PhoneGateway;
  /** A roster person by phone number (E.164 digits without "+"); null for strangers. */
  readonly personByPhone: (digits: string) => Promise<Person | null>;
  readonly zone: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Applies what Infobip reports: call outcomes (a "1" pressed acknowledges), SMS delivery and
 * SMS replies ("ACK 4711"). Each report is applied once, however often it is delivered.
 */
export class ReportHandler {
  readonly #deps: ReportHandlerDeps;

  constructor(deps: ReportHandlerDeps) {
    this.#deps = deps;
  }

  async voice(report: VoiceReport): Promise<void> {
    const { store, notifier, engine, clock } = this.#deps;
    const message = await store.engine.outboundById(report.messageId);
    if (message === null || message.channel !== 'voice') {
      return;
    }

    const at = clock();
    const fresh = await store.engine.recordReport({ ...report, dtmf: report.dtmf, at });
    if (!fresh) {
      return;
    }

    const person = await this.#deps.personByPhone(message.recipient.replace(/\D/g, ''));
    const name = person?.name ?? maskPhone(message.recipient);
    const pressed = report.dtmf === '' ? '' : `, pressed ${report.dtmf}`;
    await notifier.note(message.escalationId, `call to ${name}: ${report.outcome}${pressed}`);

    if (report.dtmf.includes('1') && report.outcome === 'answered') {
      await engine.acknowledge(message.escalationId, {
        by: name,
        byId: person?.id ?? null,
        via: 'keypress',
      });
      return;
    }

    if (report.hardFailure && (await store.engine.advanceNextStep(message.escalationId, at))) {
      void engine.wake();
    }
  }

  async sms(report: SmsReport): Promise<void> {
    await this.#deps.store.engine.recordReport({
      messageId: report.messageId,
      outcome: report.outcome,
      dtmf: null,
      at: this.#deps.clock(),
    });
  }

  /** An SMS reply. Strangers get no answer at all; roster people get a bounded one. */
  async inbound(sms: InboundSms): Promise<void> {
    const { store, engine, personByPhone, clock, logger } = this.#deps;
    if (!(await store.engine.rememberInbound(sms.messageId, clock()))) {
      return;
    }

    const person = await personByPhone(sms.from);
    if (person === null) {
      logger.info({ from: maskPhone(sms.from) }, 'SMS from an unknown number ignored');
      return;
    }

    const number = ACK_COMMAND.exec(sms.text)?.[1];
    const escalationId =
      number === undefined ? null : await store.engine.openEscalationByNumber(Number(number));
    if (escalationId === null) {
      const reply =
        number === undefined
          ? 'Not understood. Reply ACK <incident number> to acknowledge, e.g. ACK 4711.'
          : `No open escalation for incident ${number}.`;
      await this.#replyBounded(person, reply);
      return;
    }

    await engine.acknowledge(escalationId, { by: person.name, byId: person.id, via: 'sms' });
  }

  async #replyBounded(person: Person, text: string): Promise<void> {
    const { store, phone, clock, zone, logger } = this.#deps;
    const day = DateTime.fromJSDate(clock()).setZone(zone).toISODate() ?? '';
    const count = await store.engine.countNotUnderstood(person.phone, day);
    if (count > NOT_UNDERSTOOD_PER_DAY) {
      logger.info({ to: maskPhone(person.phone), count }, 'reply limit reached: not answered');
      return;
    }

    const messageId = randomUUID();
    await phone.sendSms({ messageId, to: person.phone, text }).catch((err: unknown) => {
      logger.warn({ to: maskPhone(person.phone), error: (err as Error).message }, 'reply failed');
    });
  }
}
