import { kqlString, kqlStringList } from './kql-text';
import type { HoursPlan } from './rule-plan';

/**
 * KQL steps that keep incidents created outside business hours: the creation time read in the
 * SOC's zone (DST included), a day not listed, a holiday, before the start or from the end on.
 */
export function outsideHoursKql(hours: HoursPlan): string[] {
  const outside = [
    `LocalDay !in (${hours.businessDays.join(', ')})`,
    ...(hours.holidays.length > 0 ? [`LocalDate in ${kqlStringList(hours.holidays)}`] : []),
    `LocalMinute < ${hours.startMinute}`,
    `LocalMinute >= ${hours.endMinute}`,
  ];
  return [
    `| extend LocalCreated = datetime_utc_to_local(CreatedTime, ${kqlString(hours.zone)})`,
    '| extend LocalDay = toint(dayofweek(LocalCreated) / 1d)',
    '| extend LocalMinute = hourofday(LocalCreated) * 60 + datetime_part("minute", LocalCreated)',
    '| extend LocalDate = format_datetime(LocalCreated, "yyyy-MM-dd")',
    `| where ${outside.join('\n    or ')}`,
  ];
}
