import { DateTime } from 'luxon';

import type { EscalationPolicy } from '../rules/policy';

/** One night as the digest reports it: from a business day's end to the next one's start. */
export interface Night {
  /** The local date of the morning that ends the night (yyyy-MM-dd): the digest's key. */
  readonly morning: string;
  readonly start: Date;
  readonly end: Date;
}

const SEARCH_DAYS = 31;

/** Whether a local date is a business day: a listed weekday and not a holiday. */
export function isBusinessDay(date: DateTime, policy: EscalationPolicy): boolean {
  return (
    policy.businessHours.days.has(date.weekday) && !policy.holidays.has(date.toISODate() ?? '')
  );
}

/**
 * The night whose digest is due at `now`: `now` is inside a business day's hours, and the
 * night is the time since the previous business day's end. Null outside business hours.
 */
export function dueNight(now: Date, policy: EscalationPolicy): Night | null {
  const local = DateTime.fromJSDate(now).setZone(policy.timezone);
  const day = local.startOf('day');
  if (!isBusinessDay(day, policy)) {
    return null;
  }

  const start = at(day, policy.businessHours.start);
  const end = at(day, policy.businessHours.end);
  if (local < start || local >= end) {
    return null;
  }

  return { morning: day.toISODate() ?? '', start: previousEnd(day, policy), end: start.toJSDate() };
}

/**
 * The current night for `oncall digest`: the one still running when `now` is outside
 * business hours (up to `now`), otherwise the last one.
 */
export function currentOrLastNight(now: Date, policy: EscalationPolicy): Night {
  const due = dueNight(now, policy);
  if (due !== null) {
    return due;
  }

  const local = DateTime.fromJSDate(now).setZone(policy.timezone);
  const day = local.startOf('day');
  const business = isBusinessDay(day, policy);
  const todayEnd = at(day, policy.businessHours.end);
  const afterWork = business && local >= todayEnd;
  const start = afterWork ? todayEnd.toJSDate() : previousEnd(day, policy);
  const morning = business && !afterWork ? (day.toISODate() ?? '') : nextMorning(day, policy);
  return { morning, start, end: now };
}

/** The end of the last business day before `day`, as an instant. */
function previousEnd(day: DateTime, policy: EscalationPolicy): Date {
  for (let back = 1; back <= SEARCH_DAYS; back += 1) {
    const candidate = day.minus({ days: back });
    if (isBusinessDay(candidate, policy)) {
      return at(candidate, policy.businessHours.end).toJSDate();
    }
  }

  return day.minus({ days: SEARCH_DAYS }).toJSDate();
}

function nextMorning(day: DateTime, policy: EscalationPolicy): string {
  for (let ahead = 1; ahead <= SEARCH_DAYS; ahead += 1) {
    const candidate = day.plus({ days: ahead });
    if (isBusinessDay(candidate, policy)) {
      return candidate.toISODate() ?? '';
    }
  }

  return day.toISODate() ?? '';
}

/** A local minute of the day on a date; on a DST gap luxon moves forward, as clocks do. */
function at(day: DateTime, minute: number): DateTime {
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
}
