import { randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import { escalationCard } from '../cards/escalation-card';
import { ChannelError } from '../channels/channel-error';
import type { PhoneGateway, SendOutcome } from '../channels/phone-gateway';
import type {
  PostedMessage,
  TeamsChannelReference,
  TeamsPublisher,
} from '../channels/teams-publisher';
import type { Person } from '../roster/roster-config';
import { maskPhone } from '../roster/phone-number';
import type { OutboundChannel, Store } from '../store/store';
import type { Clock } from '../time/clock';
import { cardView } from './card-view';

/** The name under which the SOC channel's reference is stored. */
export const SOC_CHANNEL = 'soc-channel';

/** One message to claim and send. */
export interface Send {
  readonly channel: OutboundChannel;
  /** Unique per escalation and channel: a second send with it is skipped. */
  readonly purpose: string;
  readonly recipient: string;
  readonly logRecipient: string;
  readonly send: (messageId: string) => Promise<SendOutcome | PostedMessage>;
}

/** What a delivery answered: whether it was sent, and the error when it was not. */
export type Delivery =
  | { readonly sent: true; readonly messageId: string }
  | {
      readonly sent: false;
      readonly messageId: string | null;
      readonly error: ChannelError | null;
    };

export interface NotifierDeps {
  readonly store: Store;
  readonly phone: PhoneGateway;
  readonly teams: TeamsPublisher;
  readonly zone: string;
  /** Shadow mode: cards say who would have been called. */
  readonly shadow?: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Sends what escalations say to people: claimed messages, the timeline, the channel card.
 * Every message is claimed in the store before it is sent, so it goes out at most once.
 */
export class Notifier {
  readonly #deps: NotifierDeps;

  constructor(deps: NotifierDeps) {
    this.#deps = deps;
  }

  /** Claims, sends and records one message. A failure is recorded and answered, not thrown. */
  async deliver(escalationId: string, send: Send): Promise<Delivery> {
    const { store, clock, logger } = this.#deps;
    const messageId = randomUUID();
    const fields = { escalationId, channel: send.channel, to: send.logRecipient, messageId };
    const claim = { ...send, id: messageId, escalationId, createdAt: clock() };
    if (!(await store.claimOutbound(claim))) {
      logger.debug(fields, 'already sent: skipped');
      return { sent: false, messageId: null, error: null };
    }

    try {
      const outcome = await send.send(messageId);
      await store.completeOutbound(messageId, { ...toResult(outcome), updatedAt: clock() });
      const status = 'status' in outcome ? outcome.status : 'accepted';
      logger.info({ ...fields, status }, status === 'dry-run' ? 'recorded, not sent' : 'sent');
      return { sent: true, messageId };
    } catch (err) {
      const error =
        err instanceof ChannelError
          ? err
          : new ChannelError((err as Error).message, { refused: false, cause: err });
      const failed = { status: 'failed' as const, providerId: null, detail: null };
      await store.completeOutbound(messageId, {
        ...failed,
        error: error.message,
        updatedAt: clock(),
      });
      logger.warn({ ...fields, error: error.message, refused: error.refused }, 'send failed');
      return { sent: false, messageId, error };
    }
  }

  /** An SMS to a person, sent once per escalation and purpose. */
  sms(escalationId: string, purpose: string, person: Person, text: string): Promise<Delivery> {
    return this.deliver(escalationId, {
      channel: 'sms',
      purpose,
      recipient: person.phone,
      logRecipient: maskPhone(person.phone),
      send: (messageId) => this.#deps.phone.sendSms({ messageId, to: person.phone, text }),
    });
  }

  /** Adds a line to the escalation's timeline. */
  async note(escalationId: string, text: string): Promise<void> {
    await this.#deps.store.engine.addTimeline(escalationId, this.#deps.clock(), text);
    this.#deps.logger.info({ escalationId, text }, 'escalation timeline');
  }

  /** The escalation's card as it stands now. */
  async card(escalationId: string): Promise<object | null> {
    const { engine } = this.#deps.store;
    const escalation = await engine.escalation(escalationId);
    if (escalation === null) {
      return null;
    }

    const calling = (await engine.calling(escalationId)) ?? 'nobody yet';
    const storm = escalation.stormId === null ? null : await engine.storm(escalation.stormId);
    const timeline = await engine.timeline(escalationId);
    const view = cardView(escalation, timeline, calling, this.#deps.zone, storm);
    return escalationCard({ ...view, shadow: this.#deps.shadow ?? false });
  }

  /** Posts the escalation's card as a new thread in the SOC channel, once. */
  postCard(escalationId: string, card: object): Promise<Delivery> {
    return this.deliver(escalationId, {
      channel: 'teams',
      purpose: 'post-channel',
      recipient: SOC_CHANNEL,
      logRecipient: SOC_CHANNEL,
      send: async () => {
        const reference = await this.#reference();
        if (reference === null) {
          this.#deps.logger.warn({ escalationId, card }, 'no Teams channel known: card not posted');
          throw new ChannelError('no Teams channel known: add the bot to a team', {
            refused: true,
          });
        }

        return this.#deps.teams.post(reference, card);
      },
    });
  }

  /** Replaces the posted card for everyone. Quietly does nothing when none was posted. */
  async refreshCard(escalationId: string): Promise<void> {
    const { store, teams, logger } = this.#deps;
    const post = (await store.outboundFor(escalationId)).find(
      (m) => m.channel === 'teams' && m.status === 'accepted',
    );
    const reference = await this.#reference();
    const card = await this.card(escalationId);
    if (!post?.providerId || !post.detail?.conversationId || reference === null || card === null) {
      return;
    }

    const posted = { conversationId: post.detail.conversationId, activityId: post.providerId };
    await teams.update(reference, posted, card).catch((err: unknown) => {
      logger.warn({ escalationId, error: (err as Error).message }, 'card update failed');
    });
  }

  async #reference(): Promise<TeamsChannelReference | null> {
    return (await this.#deps.store.conversation(SOC_CHANNEL)) as TeamsChannelReference | null;
  }
}

function toResult(outcome: SendOutcome | PostedMessage) {
  if ('conversationId' in outcome) {
    return {
      status: 'accepted' as const,
      providerId: outcome.activityId,
      error: null,
      detail: { conversationId: outcome.conversationId },
    };
  }

  return { status: outcome.status, providerId: outcome.providerId, error: null, detail: null };
}
