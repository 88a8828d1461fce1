import type { PhoneNumber } from '../roster/phone-number';

/** A text-to-speech call that asks for one key press. */
export interface VoiceCall {
  /** Our own id, set before sending: reports and log look-ups use it. */
  readonly messageId: string;
  readonly to: PhoneNumber;
  /** Plain text, already made safe for speech. */
  readonly text: string;
}

/** One SMS. */
export interface SmsMessage {
  readonly messageId: string;
  readonly to: PhoneNumber;
  /** Plain GSM-7 text, already made safe. */
  readonly text: string;
}

/** How the provider took a request. Acceptance only: the outcome is reported later. */
export interface SendOutcome {
  readonly status: 'accepted' | 'dry-run';
  readonly providerId: string | null;
}

/**
 * Calls and texts people. Throws a ChannelError when the request was not accepted; never
 * retries a call by itself, since a duplicate call wakes a person twice.
 */
export interface PhoneGateway {
  readonly dryRun: boolean;
  call(call: VoiceCall): Promise<SendOutcome>;
  sendSms(sms: SmsMessage): Promise<SendOutcome>;
}
