import type { Logger } from 'pino';

import { maskPhone } from '../roster/phone-number';
import type { PhoneGateway, SendOutcome, SmsMessage, VoiceCall } from './phone-gateway';

/** Used when Infobip is not configured: records and logs what would have been sent. */
export class DryRunGateway implements PhoneGateway {
  readonly dryRun = true;
  readonly #logger: Logger;
  readonly #label: 'dry-run' | 'shadow';

  /** `label` names why nothing is sent: "dry-run" (no Infobip) or "shadow" (shadow mode). */
  constructor(logger: Logger, label: 'dry-run' | 'shadow' = 'dry-run') {
    this.#logger = logger.child({ mode: label });
    this.#label = label;
  }

  async call(call: VoiceCall): Promise<SendOutcome> {
    this.#logger.info(
      { to: maskPhone(call.to), messageId: call.messageId, text: call.text },
      this.#label === 'shadow' ? 'shadow mode: would call' : 'dry-run: would call',
    );
    return { status: 'dry-run', providerId: null };
  }

  async sendSms(sms: SmsMessage): Promise<SendOutcome> {
    this.#logger.info(
      { to: maskPhone(sms.to), messageId: sms.messageId, text: sms.text },
      this.#label === 'shadow' ? 'shadow mode: would send SMS' : 'dry-run: would send SMS',
    );
    return { status: 'dry-run', providerId: null };
  }
}
