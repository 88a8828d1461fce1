import { DateTime } from 'luxon';

/** When a chat override ends, as the command said it. */
export type OverrideEnd =
  | { readonly kind: 'open' }
  /** The next time the local clock shows hour:minute. */
  | { readonly kind: 'time'; readonly hour: number; readonly minute: number }
  /** Local midnight at the start of a date ("2026-12-05"). */
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'duration'; readonly minutes: number };

/** An end read in the SOC's zone. */
export type ResolvedEnd =
  | { readonly ok: true; readonly until: Date | null; readonly note: string | null }
  | { readonly ok: false; readonly error: string };

/** The longest override a command may set with an end; "until changed" has none. */
export const MAX_OVERRIDE_DAYS = 366;

/**
 * Turns an end into an instant, reading times and dates in `zone` (DST included). A local
 * time that does not exist that day (the hour skipped in spring) moves forward, as clocks do.
 */
export function resolveEnd(end: OverrideEnd, now: Date, zone: string): ResolvedEnd {
  const local = DateTime.fromJSDate(now, { zone });
  switch (end.kind) {
    case 'open':
      return { ok: true, until: null, note: null };
    case 'duration':
      return bounded(local.plus({ minutes: end.minutes }), local, null);
    case 'time':
      return bounded(nextLocalTime(local, end.hour, end.minute), local, null);
    case 'date':
      return fromDate(end.date, local);
  }
}

function nextLocalTime(local: DateTime, hour: number, minute: number): DateTime {
  const today = local.set({ hour, minute, second: 0, millisecond: 0 });
  return today > local ? today : today.plus({ days: 1 }).set({ hour, minute });
}

function fromDate(date: string, local: DateTime): ResolvedEnd {
  const midnight = DateTime.fromISO(date, { zone: local.zone });
  if (!midnight.isValid) {
    return { ok: false, error: `"${date}" is not a date: write it as 2026-12-05` };
  }

  if (midnight <= local) {
    return { ok: false, error: `${date} has begun already: give a later date or a time` };
  }

  return bounded(midnight, local, `midnight at the start of ${date}`);
}

function bounded(until: DateTime, local: DateTime, note: string | null): ResolvedEnd {
  if (until.diff(local, 'days').days > MAX_OVERRIDE_DAYS) {
    return { ok: false, error: `that is more than ${MAX_OVERRIDE_DAYS} days away` };
  }

  return { ok: true, until: until.toJSDate(), note };
}
