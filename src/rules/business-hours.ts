import { DateTime } from 'luxon';

import type { BusinessHours, EscalationPolicy } from './policy';

/** Whether an instant falls in business hours, and a sentence that says why. */
export interface HoursVerdict {
  readonly outside: boolean;
  readonly reason: string;
  /** The instant in the SOC's zone, for views. */
  readonly local: DateTime;
}

/**
 * Reads a UTC instant in the policy's zone and checks it against days, holidays and hours.
 * DST is luxon's: the local wall-clock time decides, whatever the offset that day.
 */
export function checkBusinessHours(utcIso: string, policy: EscalationPolicy): HoursVerdict {
  const local = DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(policy.timezone);
  const when = `${local.toFormat('cccc HH:mm')} ${policy.timezone}`;
  const hours = policy.businessHours;
  const span = `${formatMinute(hours.start)}-${formatMinute(hours.end)}`;
  const date = local.toISODate() ?? '';

  if (!hours.days.has(local.weekday)) {
    const day = local.toFormat('cccc');
    return {
      outside: true,
      reason: `${when} is outside business hours (${day} is not a business day)`,
      local,
    };
  }

  if (policy.holidays.has(date)) {
    return {
      outside: true,
      reason: `${when} is outside business hours (${date} is a holiday)`,
      local,
    };
  }

  if (!isWithin(local, hours)) {
    return { outside: true, reason: `${when} is outside business hours (${span})`, local };
  }

  return { outside: false, reason: `${when} is inside business hours (${span})`, local };
}

/** "HH:mm" for a minute of the day. */
export function formatMinute(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function isWithin(local: DateTime, hours: BusinessHours): boolean {
  const minute = local.hour * 60 + local.minute;
  return minute >= hours.start && minute < hours.end;
}
