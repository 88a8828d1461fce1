import { randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import { ChannelError } from '../channels/channel-error';
import type { PhoneGateway } from '../channels/phone-gateway';
import type { TeamsChannelReference, TeamsPublisher } from '../channels/teams-publisher';
import { maskPhone } from '../roster/phone-number';
import type { Person } from '../roster/roster-config';
import type {
  BlindNoticeChannel,
  BlindNoticeKind,
  BlindNoticeResult,
  BlindPeriod,
} from '../store/intake-store';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { blindCard, blindSms, recoveredCard, recoveredSms } from './heartbeat-texts';
import { SOC_CHANNEL } from './notifier';

/** The channels the notices go through; `zone` is the zone their times are written in. */
export interface BlindNoticesDeps {
  readonly store: Store;
  readonly phone: PhoneGateway;
  readonly teams: TeamsPublisher;
  /** Who holds the manager role now. */
  readonly manager: () => Promise<Person | null>;
  readonly zone: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

type Outcome = Omit<BlindNoticeResult, 'at'>;

/**
 * Tells the manager (SMS) and the SOC channel (card) that the bot is blind, or sees again.
 * Each notice is claimed in the store first, so it goes out at most once per blind period,
 * whatever the number of ticks, restarts or instances.
 */
export class BlindNotices {
  readonly #deps: BlindNoticesDeps;

  constructor(deps: BlindNoticesDeps) {
    this.#deps = deps;
  }

  /** Sends both notices of `kind` that were not claimed yet. Failures are recorded, not thrown. */
  async send(period: BlindPeriod, kind: BlindNoticeKind): Promise<void> {
    await Promise.all([this.#sms(period, kind), this.#card(period, kind)]);
  }

  async #sms(period: BlindPeriod, kind: BlindNoticeKind): Promise<void> {
    const manager = await this.#deps.manager();
    const text = (kind === 'blind' ? blindSms : recoveredSms)(period, this.#deps.zone);
    await this.#once(period, kind, 'sms', manager?.phone ?? 'nobody', async (messageId) => {
      if (manager === null) {
        return skipped('nobody holds the manager role');
      }

      const sent = await this.#deps.phone.sendSms({ messageId, to: manager.phone, text });
      return { status: sent.status, providerId: sent.providerId, error: null };
    });
  }

  async #card(period: BlindPeriod, kind: BlindNoticeKind): Promise<void> {
    const card = (kind === 'blind' ? blindCard : recoveredCard)(period, this.#deps.zone);
    await this.#once(period, kind, 'teams', SOC_CHANNEL, async () => {
      const reference = (await this.#deps.store.conversation(
        SOC_CHANNEL,
      )) as TeamsChannelReference | null;
      if (reference === null) {
        return skipped('no Teams channel known');
      }

      const posted = await this.#deps.teams.post(reference, card);
      return { status: 'accepted', providerId: posted.activityId, error: null };
    });
  }

  async #once(
    period: BlindPeriod,
    kind: BlindNoticeKind,
    channel: BlindNoticeChannel,
    recipient: string,
    send: (messageId: string) => Promise<Outcome>,
  ): Promise<void> {
    const { store, clock, logger } = this.#deps;
    const messageId = randomUUID();
    const key = { periodId: period.id, kind, channel };
    if (!(await store.claimBlindNotice({ ...key, recipient, messageId, at: clock() }))) {
      return;
    }

    const outcome = await send(messageId).catch((err: unknown) => failed(err));
    await store.completeBlindNotice(key, { ...outcome, at: clock() });
    const to = channel === 'sms' && recipient !== 'nobody' ? maskPhone(recipient) : recipient;
    const fields = { periodId: period.id, kind, channel, to, messageId, ...outcome };
    if (outcome.status === 'failed' || outcome.status === 'skipped') {
      logger.warn(fields, 'blind notice not delivered');
      return;
    }

    logger.info(fields, 'blind notice sent');
  }
}

function skipped(reason: string): Outcome {
  return { status: 'skipped', providerId: null, error: reason };
}

function failed(err: unknown): Outcome {
  const message = err instanceof ChannelError || err instanceof Error ? err.message : String(err);
  return { status: 'failed', providerId: null, error: message };
}
