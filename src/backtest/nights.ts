import { DateTime } from 'luxon';

/** The hour (local) that divides one night from the next: a night runs noon to noon. */
const NIGHT_TURNS_AT = 12;

/** Every zone's offset is a whole number of quarter hours: one answer per quarter hour. */
const QUARTER_HOUR_MS = 15 * 60_000;
const known = new Map<string, string>();

/**
 * The night an instant belongs to, named by its evening's local date (yyyy-MM-dd): 02:14 on
 * Sunday is the night of Saturday. Counting in local dates keeps a DST night one night.
 */
export function nightOf(utcIso: string, zone: string): string {
  const key = `${zone}|${Math.floor(Date.parse(utcIso) / QUARTER_HOUR_MS)}`;
  const cached = known.get(key);
  if (cached !== undefined) {
    return cached;
  }

  const local = DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(zone);
  const evening = local.hour < NIGHT_TURNS_AT ? local.minus({ days: 1 }) : local;
  const night = evening.toISODate() ?? '';
  known.set(key, night);
  return night;
}

/** The ISO week of a night ("2026-W23"), by its evening's date. */
export function weekOf(night: string): string {
  const date = DateTime.fromISO(night, { zone: 'utc' });
  return `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`;
}

/** Every night from `first` to `last`, both included, in order. */
export function nightsBetween(first: string, last: string): string[] {
  const nights: string[] = [];
  const end = DateTime.fromISO(last, { zone: 'utc' });
  for (let d = DateTime.fromISO(first, { zone: 'utc' }); d <= end; d = d.plus({ days: 1 })) {
    nights.push(d.toISODate() ?? '');
  }

  return nights;
}

/** A night as people read it: "Sat 6 Jun 2026". */
export function nightLabel(night: string): string {
  return DateTime.fromISO(night, { zone: 'utc' }).toFormat('ccc d LLL yyyy');
}
