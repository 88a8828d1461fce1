import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';

import type { Logger } from 'pino';

import type { PhoneGateway } from '../channels/phone-gateway';
import type { RosterStore } from '../store/roster-store';
import type { Clock } from '../time/clock';
import { maskPhone, type PhoneNumber } from './phone-number';
import type { Registrant } from './roster';

/** How long a texted code is valid. */
export const CODE_TTL_MINUTES = 10;

/** Tries allowed per code; then a new code must be asked for. */
export const MAX_CODE_ATTEMPTS = 5;

/** The least time between two codes for one person: a guard against texting sprees. */
export const RESEND_AFTER_SECONDS = 60;

/** What asking for a code did. */
export type StartOutcome =
  | { readonly kind: 'sent'; readonly expiresAt: Date }
  | { readonly kind: 'too-soon'; readonly retryAt: Date };

/** What a try of a code did. */
export type VerifyOutcome =
  | { readonly kind: 'verified'; readonly phone: PhoneNumber }
  | { readonly kind: 'wrong'; readonly triesLeft: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'locked' };

export interface PhoneVerificationDeps {
  readonly store: RosterStore;
  readonly phone: PhoneGateway;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Confirms that a number belongs to the person who registered it: a 6-digit code is texted
 * to it and must come back in chat. Only a hash of the code is stored; a number counts for
 * paging once confirmed, never before.
 */
export class PhoneVerification {
  readonly #deps: PhoneVerificationDeps;

  constructor(deps: PhoneVerificationDeps) {
    this.#deps = deps;
  }

  /**
   * Texts a new code to `phone`, replacing any code sent before, unless the last one went
   * out less than {@link RESEND_AFTER_SECONDS} ago. Throws a ChannelError when the SMS was
   * not accepted.
   */
  async start(who: Registrant, phone: PhoneNumber): Promise<StartOutcome> {
    const { store, clock, logger } = this.#deps;
    const now = clock();
    const previous = await store.pendingPhone(who.personId);
    const retryAt = new Date((previous?.createdAt.getTime() ?? 0) + RESEND_AFTER_SECONDS * 1000);
    if (retryAt > now) {
      return { kind: 'too-soon', retryAt };
    }

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const text =
      `SOC on-call bot: your code is ${code}. Say "oncall verify ${code}" to the bot ` +
      `in Teams within ${CODE_TTL_MINUTES} minutes. Not you? Ignore this message.`;
    await this.#deps.phone.sendSms({ messageId: randomUUID(), to: phone, text });

    // Stored once texted: a refused SMS leaves no code behind to wait for.
    const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000);
    await store.savePendingPhone({
      ...who,
      phone,
      codeHash: codeHash(who.personId, code),
      attempts: 0,
      createdAt: now,
      expiresAt,
    });
    logger.info({ personId: who.personId, to: maskPhone(phone) }, 'verification code sent');
    return { kind: 'sent', expiresAt };
  }

  /** Tries a code of the person's pending number. A right code confirms the number. */
  async verify(personId: string, code: string): Promise<VerifyOutcome> {
    const { store, clock, logger } = this.#deps;
    const now = clock();
    const pending = await store.pendingPhone(personId);
    if (pending === null) {
      return { kind: 'none' };
    }

    if (pending.expiresAt <= now) {
      return { kind: 'expired' };
    }

    const tries = await store.countPhoneAttempt(personId, pending.codeHash, MAX_CODE_ATTEMPTS);
    if (tries === null) {
      return { kind: 'locked' };
    }

    if (!sameHash(codeHash(personId, code), pending.codeHash)) {
      logger.info({ personId, tries }, 'verification code wrong');
      const triesLeft = MAX_CODE_ATTEMPTS - tries;
      return triesLeft === 0 ? { kind: 'locked' } : { kind: 'wrong', triesLeft };
    }

    const confirmed = await store.confirmPhone(personId, pending.codeHash, now);
    if (confirmed === null) {
      return { kind: 'none' };
    }

    logger.info({ personId, phone: maskPhone(confirmed.phone) }, 'phone number verified');
    return { kind: 'verified', phone: confirmed.phone };
  }
}

/** The stored form of a code: tied to the person, so equal codes hash apart. */
function codeHash(personId: string, code: string): string {
  return createHash('sha256').update(`${personId}\n${code}`).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
