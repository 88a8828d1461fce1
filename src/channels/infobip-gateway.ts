import type { SenderConfig } from '../config/app-config';
import { infobipDigits } from '../roster/phone-number';
import { ChannelError } from './channel-error';
import type { InfobipClient } from './infobip-client';
import type { PhoneGateway, SendOutcome, SmsMessage, VoiceCall } from './phone-gateway';

interface SendResponse {
  messages?: { messageId?: string; status?: { groupName?: string; name?: string } }[];
}

const REJECTED_GROUPS = new Set(['REJECTED', 'UNDELIVERABLE']);

/** Calls through `/tts/3/advanced` and texts through `/sms/3/messages`. */
export class InfobipGateway implements PhoneGateway {
  readonly dryRun = false;
  readonly #client: InfobipClient;
  readonly #sender: SenderConfig;

  constructor(client: InfobipClient, sender: SenderConfig) {
    this.#client = client;
    this.#sender = sender;
  }

  async call(call: VoiceCall): Promise<SendOutcome> {
    const body = {
      messages: [
        {
          from: infobipDigits(this.#sender.callerId),
          destinations: [{ to: infobipDigits(call.to), messageId: call.messageId }],
          text: call.text,
          language: this.#sender.language,
          maxDtmf: 1,
        },
      ],
    };
    return accepted(
      '/tts/3/advanced',
      await this.#client.post<SendResponse>('/tts/3/advanced', body),
    );
  }

  async sendSms(sms: SmsMessage): Promise<SendOutcome> {
    const body = {
      messages: [
        {
          sender: this.#sender.smsSender,
          destinations: [{ to: infobipDigits(sms.to), messageId: sms.messageId }],
          content: { text: sms.text },
        },
      ],
    };
    return accepted(
      '/sms/3/messages',
      await this.#client.post<SendResponse>('/sms/3/messages', body),
    );
  }
}

/** A 200 can still carry a per-destination rejection; treat that as a refusal. */
function accepted(path: string, response: SendResponse): SendOutcome {
  const message = response.messages?.[0];
  const group = message?.status?.groupName ?? '';
  if (REJECTED_GROUPS.has(group)) {
    throw new ChannelError(`infobip ${path}: ${group} ${message?.status?.name ?? ''}`.trim(), {
      refused: true,
    });
  }

  return { status: 'accepted', providerId: message?.messageId ?? null };
}
