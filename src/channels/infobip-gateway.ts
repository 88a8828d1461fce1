import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';

import type { SenderConfig } from '../config/app-config';
import { infobipDigits } from '../roster/phone-number';
import { ChannelError } from './channel-error';
import type { InfobipClient } from './infobip-client';
import type { PhoneGateway, SendOutcome, SmsMessage, VoiceCall } from './phone-gateway';

interface SendResponse {
  messages?: { messageId?: string; status?: { groupName?: string; name?: string } }[];
}

/** Where Infobip sends reports; null when the bot has no public URL. */
export interface ReportUrls {
  readonly voice: string | null;
  readonly sms: string | null;
}

export interface InfobipGatewayOptions {
  readonly client: InfobipClient;
  readonly sender: SenderConfig;
  readonly reports: ReportUrls;
  /** Attempts per request for 429, 5xx and network errors. */
  readonly maxAttempts?: number;
  readonly initialBackoffMs?: number;
}

const REJECTED_GROUPS = new Set(['REJECTED', 'UNDELIVERABLE']);

/**
 * Calls through `/tts/3/advanced` and texts through `/sms/3/messages`. Transient failures
 * are retried with bounded exponential backoff; before a call is sent again, Infobip's logs
 * are asked whether the first attempt got through, since a duplicate call wakes a person twice.
 */
export class InfobipGateway implements PhoneGateway {
  readonly dryRun = false;
  readonly #client: InfobipClient;
  readonly #sender: SenderConfig;
  readonly #reports: ReportUrls;
  readonly #retry: RetryPolicy;

  constructor(options: InfobipGatewayOptions) {
    this.#client = options.client;
    this.#sender = options.sender;
    this.#reports = options.reports;
    this.#retry = retry(
      handleWhen((err) => err instanceof ChannelError && !err.refused),
      {
        maxAttempts: (options.maxAttempts ?? 3) - 1,
        backoff: new ExponentialBackoff({
          initialDelay: options.initialBackoffMs ?? 500,
          maxDelay: 5_000,
        }),
      },
    );
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
          ...(this.#reports.voice === null
            ? {}
            : { notifyUrl: this.#reports.voice, notifyContentType: 'application/json' }),
        },
      ],
    };
    return this.#retry.execute(async ({ attempt }) => {
      if (attempt > 0 && (await this.#callExists(call.messageId))) {
        return { status: 'accepted', providerId: call.messageId };
      }

      return accepted('/tts/3/advanced', await this.#client.post('/tts/3/advanced', body));
    });
  }

  async sendSms(sms: SmsMessage): Promise<SendOutcome> {
    const body = {
      messages: [
        {
          sender: this.#sender.smsSender,
          destinations: [{ to: infobipDigits(sms.to), messageId: sms.messageId }],
          content: { text: sms.text },
          ...(this.#reports.sms === null
            ? {}
            : { webhooks: { delivery: { url: this.#reports.sms } } }),
        },
      ],
    };
    return this.#retry.execute(async () =>
      accepted('/sms/3/messages', await this.#client.post('/sms/3/messages', body)),
    );
  }

  /**
   * Whether Infobip knows a call with this message id. When even that cannot be told, the
   * call is not sent again: a missed retry is safer than a second call.
   */
  async #callExists(messageId: string): Promise<boolean> {
    const path = `/tts/3/logs?messageId=${encodeURIComponent(messageId)}`;
    const logs = await this.#client.get<{ results?: unknown[] }>(path).catch((err: unknown) => {
      throw new ChannelError(`infobip call state unknown: ${(err as Error).message}`, {
        refused: true,
        cause: err,
      });
    });
    return (logs.results ?? []).length > 0;
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
