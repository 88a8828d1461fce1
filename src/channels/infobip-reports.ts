import { z } from 'zod';

/** A call's outcome as the bot records it. */
export type CallOutcome =
  | 'answered'
  | 'answered-by-machine'
  | 'busy'
  | 'no-answer'
  | 'rejected'
  | 'undeliverable'
  | 'expired'
  | 'pending'
  | 'failed';

/** One voice delivery report. */
export interface VoiceReport {
  readonly messageId: string;
  readonly outcome: CallOutcome;
  /** Digits pressed during the call ("" when none). */
  readonly dtmf: string;
  /** A hard failure: calling the same number again now is pointless. */
  readonly hardFailure: boolean;
}

/** One SMS delivery report. */
export interface SmsReport {
  readonly messageId: string;
  readonly outcome: string;
}

/** One inbound SMS. */
export interface InboundSms {
  readonly messageId: string;
  /** Sender's number in digits, as Infobip gives it. */
  readonly from: string;
  readonly text: string;
}

const status = z
  .object({ groupName: z.string().optional(), name: z.string().optional() })
  .nullish();

const voiceResults = z.object({
  results: z
    .array(
      z.object({
        messageId: z.string().min(1).max(200),
        status,
        error: z.object({ name: z.string().optional() }).nullish(),
        voiceCall: z
          .object({ dtmfCodes: z.string().nullish(), answeredBy: z.string().nullish() })
          .nullish(),
      }),
    )
    .max(1000),
});

const smsResults = z.object({
  results: z.array(z.object({ messageId: z.string().min(1).max(200), status })).max(1000),
});

const inboundResults = z.object({
  results: z
    .array(
      z.object({
        messageId: z.string().min(1).max(200),
        from: z.string().min(1).max(32),
        text: z.string().max(2000).nullish(),
        cleanText: z.string().max(2000).nullish(),
      }),
    )
    .max(1000),
});

const ERROR_OUTCOMES: Readonly<Record<string, CallOutcome>> = {
  VOICE_ANSWERED: 'answered',
  VOICE_ANSWERED_MACHINE: 'answered-by-machine',
  EC_VOICE_USER_BUSY: 'busy',
  EC_VOICE_NO_ANSWER: 'no-answer',
};

const GROUP_OUTCOMES: Readonly<Record<string, CallOutcome>> = {
  REJECTED: 'rejected',
  UNDELIVERABLE: 'undeliverable',
  EXPIRED: 'expired',
  PENDING: 'pending',
  DELIVERED: 'answered',
};

/** Reads a voice report body (`{ results: [...] }`); null when the shape is wrong. */
export function parseVoiceReports(body: unknown): VoiceReport[] | null {
  const parsed = voiceResults.safeParse(body);
  if (!parsed.success) {
    return null;
  }

  return parsed.data.results.map((r) => {
    const group = r.status?.groupName ?? '';
    const byError = ERROR_OUTCOMES[r.error?.name ?? ''];
    const outcome = byError ?? GROUP_OUTCOMES[group] ?? 'failed';
    const machine = r.voiceCall?.answeredBy === 'MACHINE' || outcome === 'answered-by-machine';
    return {
      messageId: r.messageId,
      outcome: machine && outcome === 'answered' ? 'answered-by-machine' : outcome,
      dtmf: r.voiceCall?.dtmfCodes ?? '',
      hardFailure: outcome === 'rejected' || outcome === 'undeliverable',
    };
  });
}

/** Reads an SMS delivery report body; null when the shape is wrong. */
export function parseSmsReports(body: unknown): SmsReport[] | null {
  const parsed = smsResults.safeParse(body);
  return parsed.success
    ? parsed.data.results.map((r) => ({
        messageId: r.messageId,
        outcome: (r.status?.groupName ?? 'UNKNOWN').toLowerCase(),
      }))
    : null;
}

/** Reads an inbound SMS body; null when the shape is wrong. */
export function parseInboundSms(body: unknown): InboundSms[] | null {
  const parsed = inboundResults.safeParse(body);
  return parsed.success
    ? parsed.data.results.map((r) => ({
        messageId: r.messageId,
        from: r.from.replace(/\D/g, ''),
        text: r.cleanText ?? r.text ?? '',
      }))
    : null;
}
