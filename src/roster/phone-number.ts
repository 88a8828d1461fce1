import { parsePhoneNumberFromString, parsePhoneNumberWithError } from 'libphonenumber-js/max';

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

  const parsed = parsePhoneNumberWithError(trimmed);
  if (!parsed.isValid()) {
    throw new Error('is not a valid phone number');
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
