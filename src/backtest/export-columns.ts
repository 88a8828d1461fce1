import { DateTime } from 'luxon';

/** The SecurityIncident columns the backtest reads; every other column is ignored. */
export const USED_COLUMNS = [
  'TenantId',
  'TimeGenerated',
  'IncidentName',
  'IncidentNumber',
  'Title',
  'Description',
  'Severity',
  'Status',
  'Classification',
  'Owner',
  'CreatedTime',
  'LastModifiedTime',
  'IncidentUrl',
] as const;

/** Without these a row cannot be replayed: a CSV header lacking one is refused whole. */
export const REQUIRED_COLUMNS = [
  'IncidentName',
  'IncidentNumber',
  'Title',
  'Severity',
  'Status',
  'CreatedTime',
] as const;

const DATETIME_COLUMNS: ReadonlySet<string> = new Set([
  'TimeGenerated',
  'CreatedTime',
  'LastModifiedTime',
]);
const BY_LOWER_CASE = new Map<string, string>(USED_COLUMNS.map((c) => [c.toLowerCase(), c]));

/**
 * The column a header names, in Sentinel's spelling, or null when the backtest does not read
 * it. The portal's CSV export writes datetime headers as "TimeGenerated [UTC]".
 */
export function columnOf(header: string): string | null {
  const name = header
    .trim()
    .replace(/\s*\[UTC\]$/i, '')
    .toLowerCase();
  return BY_LOWER_CASE.get(name) ?? null;
}

/**
 * Whether a header names a column the backtest reads, shown in a zone other than UTC
 * ("CreatedTime [Local Time]"): such times cannot be read as instants.
 */
export function isLocalTimeHeader(header: string): boolean {
  const match = /^(.*?)\s*\[([^\]]+)\]\s*$/.exec(header.trim());
  return match !== null && match[2]?.toUpperCase() !== 'UTC' && columnOf(match[1] ?? '') !== null;
}

/**
 * One cell as the row parser expects it: an empty CSV cell is absent, and a datetime in one
 * of the portal's display formats becomes ISO 8601. Anything else is left for the parser.
 */
export function normaliseCell(column: string, value: unknown): unknown {
  if (value === '' || value === null || value === undefined) {
    return undefined;
  }

  if (typeof value === 'string' && DATETIME_COLUMNS.has(column)) {
    return portalDateTime(value) ?? value;
  }

  return value;
}

// The portal writes datetimes as the user sees them: "6/7/2026, 1:01:16.982 AM" (en-US) or
// "2026/6/7 1:01:16.982"; queries and the API write ISO 8601 with 7 fractional digits.
const PORTAL_FORMATS = [
  'M/d/yyyy, h:mm:ss.SSS a',
  'M/d/yyyy, h:mm:ss a',
  'yyyy/M/d H:mm:ss.SSS',
  'yyyy/M/d H:mm:ss',
  'yyyy-MM-dd H:mm:ss.SSS',
  'yyyy-MM-dd H:mm:ss',
];

/** An ISO instant for a portal-formatted UTC datetime; null when it is not one of those. */
function portalDateTime(value: string): string | null {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    // A datetime without a zone is UTC here; JavaScript would read it in the machine's zone.
    return /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? null : `${text}Z`;
  }

  for (const format of PORTAL_FORMATS) {
    const parsed = DateTime.fromFormat(text, format, { zone: 'utc', locale: 'en-US' });
    if (parsed.isValid) {
      return parsed.toISO();
    }
  }

  return null;
}
