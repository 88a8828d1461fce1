import { parsePhoneNumberFromString, parsePhoneNumberWithError } from 'libphonenumber-js/max';

const COSTLY_TYPES: ReadonlySet<string> = new Set(['PREMIUM_RATE', 'SHARED_COST']);

/** A phone number in E.164 form, `+` included, checked when it is stored. */
export type PhoneNumber = string & { readonly __brand: 'PhoneNumber' };

/**
 * Parses an international number ("+44 20 7946 0001") into E.164.
 * Throws with a reason when it is not a valid international number.
 */
export function parsePhoneNumber(input: string): PhoneNumber {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+')) {
    throw new Error('must be an international number starting with +');
  }

  let parsed: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    parsed = parsePhoneNumberWithError(trimmed);
  } catch {
    throw new Error('is not a valid phone number');
  }

  if (!parsed.isValid()) {
    throw new Error('is not a valid phone number');
  }

  // Nobody is paged on a number that costs money to call: no toll fraud through the bot.
  if (COSTLY_TYPES.has(parsed.getType() ?? '')) {
    throw new Error('is a premium-rate or shared-cost number, which is not accepted');
  }

  return parsed.number as PhoneNumber;
}

/** The digits Infobip expects: E.164 without the `+`. */
export function infobipDigits(phone: PhoneNumber): string {
  return phone.slice(1);
}

/** Masks a number for logs: the country code and the last two digits stay ("+44********01"). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const countryCode = parsePhoneNumberFromString(`+${digits}`)?.countryCallingCode ?? '';
  const hidden = digits.length - countryCode.length - 2;
  if (hidden < 2) {
    return '*'.repeat(digits.length);
  }

  return `+${countryCode}${'*'.repeat(hidden)}${digits.slice(-2)}`;
}
