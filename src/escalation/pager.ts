import { randomUUID } from 'node:crypto';

import { DateTime } from 'luxon';
import type { Logger } from 'pino';

import { escalationCard } from '../cards/escalation-card';
import { ChannelError } from '../channels/channel-error';
import type { PhoneGateway, SendOutcome } from '../channels/phone-gateway';
import type {
  PostedMessage,
  TeamsChannelReference,
  TeamsPublisher,
} from '../channels/teams-publisher';
import { maskPhone } from '../roster/phone-number';
import type { Person } from '../roster/roster-config';
import type { Roster } from '../roster/roster';
import type { EscalationPolicy } from '../rules/policy';
import type { EscalationToPage, OutboundChannel, Store } from '../store/store';
import type { Clock } from '../time/clock';
import { callText, managerOpenedSms } from './page-texts';

/** The name under which the SOC channel's reference is stored. */
export const SOC_CHANNEL = 'soc-channel';

export interface PagerDeps {
  readonly store: Store;
  readonly roster: Roster;
  readonly phone: PhoneGateway;
  readonly teams: TeamsPublisher;
  readonly policy: EscalationPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
}

interface Send {
  readonly channel: OutboundChannel;
  readonly purpose: string;
  readonly recipient: string;
  readonly logRecipient: string;
  readonly send: (messageId: string) => Promise<SendOutcome | PostedMessage>;
}

/**
 * Sends the first pages of open escalations: the call to the primary, the SMS to the
 * manager and the channel card. Each message is claimed in the store before it is sent, so
 * a redelivery, a second instance or a restart never sends it twice.
 */
export class Pager {
  readonly #deps: PagerDeps;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(deps: PagerDeps) {
    this.#deps = deps;
  }

  /** Starts a run unless one is going; a run asked for meanwhile follows it. */
  wake(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }

    this.#running = this.#drain().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #drain(): Promise<void> {
    do {
      this.#again = false;
      const due = await this.#deps.store.escalationsToPage();
      for (const escalation of due) {
        await this.#page(escalation);
      }
    } while (this.#again);
  }

  async #page(escalation: EscalationToPage): Promise<void> {
    const { store, roster, clock, logger } = this.#deps;
    const log = logger.child({
      escalationId: escalation.id,
      incidentNumber: escalation.incident.number,
    });
    const primary = await roster.holder('primary');
    const manager = await roster.holder('manager');
    const sends = [
      this.#call(escalation, primary),
      this.#sms(escalation, manager, primary),
      this.#post(escalation, primary),
    ].filter((send): send is Send => send !== null);

    await Promise.all(sends.map((send) => this.#deliver(escalation.id, send, log)));
    await store.markPaged(escalation.id, clock());
    log.info('escalation paged');
  }

  #call(escalation: EscalationToPage, primary: Person | null): Send | null {
    if (primary === null) {
      this.#deps.logger.warn({ escalationId: escalation.id }, 'no primary on call: nobody called');
      return null;
    }

    const text = callText(escalation.incident, escalation.displayTitle, escalation.reasons);
    return {
      channel: 'voice',
      purpose: 'call-primary-1',
      recipient: primary.phone,
      logRecipient: maskPhone(primary.phone),
      send: (messageId) => this.#deps.phone.call({ messageId, to: primary.phone, text }),
    };
  }

  #sms(escalation: EscalationToPage, manager: Person | null, primary: Person | null): Send | null {
    if (manager === null) {
      return null;
    }

    const text = managerOpenedSms(
      escalation.incident,
      escalation.displayTitle,
      callingLine(primary),
    );
    return {
      channel: 'sms',
      purpose: 'notify-manager-opened',
      recipient: manager.phone,
      logRecipient: maskPhone(manager.phone),
      send: (messageId) => this.#deps.phone.sendSms({ messageId, to: manager.phone, text }),
    };
  }

  #post(escalation: EscalationToPage, primary: Person | null): Send {
    const { incident } = escalation;
    const { policy, teams, store } = this.#deps;
    const created = DateTime.fromISO(incident.createdTimeUtc).setZone(policy.timezone);
    const card = escalationCard({
      incidentNumber: incident.number,
      severity: incident.severity,
      title: escalation.displayTitle,
      createdLocal: `${created.toFormat('ccc d LLL yyyy HH:mm')} ${policy.timezone}`,
      reasons: escalation.reasons,
      calling: callingLine(primary),
      url: incident.url,
    });
    return {
      channel: 'teams',
      purpose: 'post-channel',
      recipient: SOC_CHANNEL,
      logRecipient: SOC_CHANNEL,
      send: async () => {
        const reference = (await store.conversation(SOC_CHANNEL)) as TeamsChannelReference | null;
        if (reference === null) {
          this.#deps.logger.warn(
            { escalationId: escalation.id, card },
            'no Teams channel known: card not posted',
          );
          throw new ChannelError('no Teams channel known: add the bot to a team', {
            refused: true,
          });
        }

        return teams.post(reference, card);
      },
    };
  }

  /** Claims, sends and records one message. A failure is recorded, never thrown. */
  async #deliver(escalationId: string, send: Send, log: Logger): Promise<void> {
    const { store, clock } = this.#deps;
    const messageId = randomUUID();
    const fields = { channel: send.channel, to: send.logRecipient, messageId };
    const claimed = await store.claimOutbound({
      id: messageId,
      escalationId,
      channel: send.channel,
      purpose: send.purpose,
      recipient: send.recipient,
      createdAt: clock(),
    });
    if (!claimed) {
      log.debug(fields, 'already sent: skipped');
      return;
    }

    try {
      const outcome = await send.send(messageId);
      const result = toResult(outcome);
      await store.completeOutbound(messageId, { ...result, error: null, updatedAt: clock() });
      log.info({ ...fields, status: result.status }, 'page sent');
    } catch (err) {
      const refused = err instanceof ChannelError && err.refused;
      const message = err instanceof Error ? err.message : String(err);
      await store.completeOutbound(messageId, {
        status: 'failed',
        providerId: null,
        error: message,
        detail: null,
        updatedAt: clock(),
      });
      log.warn({ ...fields, error: message, refused }, 'page failed');
    }
  }
}

function callingLine(primary: Person | null): string {
  return primary === null ? 'Nobody is on call as primary' : `Calling ${primary.name}`;
}

function toResult(outcome: SendOutcome | PostedMessage) {
  if ('conversationId' in outcome) {
    return {
      status: 'accepted' as const,
      providerId: outcome.activityId,
      detail: { conversationId: outcome.conversationId },
    };
  }

  return { status: outcome.status, providerId: outcome.providerId, detail: null };
}
