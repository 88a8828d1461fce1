import { DateTime } from 'luxon';

import { forDisplay } from '../../text/safe-text';

/** An instant as the SOC reads it: "Sat 6 Jun 2026 07:00", in the configured zone. */
export function localTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy HH:mm');
}

/** A person's name for a reply: names come from chat, so they are bounded and cleaned. */
export function nameOf(name: string | null): string {
  return name === null ? 'nobody' : forDisplay(name, 100) || 'someone unnamed';
}
