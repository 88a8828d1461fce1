import { z } from 'zod';

import { SEVERITIES, STATUSES, type IncidentEvent } from '../incident';

const MAX_TITLE = 10_000;
const MAX_TEXT = 100_000;

/** A datetime cell: the SDK answers a Date; a string is read as an instant. */
const instant = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'is not a valid instant' });
    return z.NEVER;
  }

  return date.toISOString();
});

function anyCase<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .string()
    .transform((v) => values.find((known) => known.toLowerCase() === v.trim().toLowerCase()) ?? v)
    .pipe(z.enum(values, { error: () => `must be one of ${values.join(', ')}` }));
}

const text = z.string().max(1000).nullish();

/** The Owner cell (dynamic): the SDK parses it; an unparsed JSON string is read here. */
const owner = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .nullish()
  .transform((value) => (typeof value === 'string' ? parseJson(value) : value))
  .pipe(
    z.object({ assignedTo: text, userPrincipalName: text, email: text, objectId: text }).nullish(),
  )
  // The same precedence as the webhook's owner, so both intakes fingerprint alike.
  .transform((o) => o?.assignedTo || o?.userPrincipalName || o?.email || o?.objectId || null);

const row = z.object({
  IncidentName: z.string().trim().min(1).max(200),
  IncidentNumber: z.union([
    z.number().int().nonnegative(),
    z
      .string()
      .regex(/^\d{1,15}$/, 'must be a whole number')
      .transform(Number),
  ]),
  Title: z.string().trim().min(1, 'must not be empty').max(MAX_TITLE),
  Description: z.string().max(MAX_TEXT).nullish(),
  Severity: anyCase(SEVERITIES),
  Status: anyCase(STATUSES),
  Owner: owner,
  CreatedTime: instant,
  LastModifiedTime: instant.nullish(),
  Classification: z.string().max(100).nullish(),
  IncidentUrl: z.union([z.url({ protocol: /^https?$/ }).max(2000), z.literal('')]).nullish(),
});

/** A row read into an event, or the reason it was not. */
export type RowParseResult =
  | { readonly ok: true; readonly event: IncidentEvent }
  | { readonly ok: false; readonly incidentName: string | null; readonly problem: string };

/**
 * Reads one SecurityIncident row (reference sentinel.md §3) into the event the webhook would
 * give for the same state. The event id is `poll:<IncidentName>:<LastModifiedTime>`: polling
 * the same row again gives the same id, and the incident fingerprint dedupes the webhook.
 */
export function parseSecurityIncidentRow(
  cells: Readonly<Record<string, unknown>>,
  workspaceId: string,
): RowParseResult {
  const parsed = row.safeParse(cells);
  if (!parsed.success) {
    const name = typeof cells.IncidentName === 'string' ? cells.IncidentName : null;
    const issue = parsed.error.issues[0];
    const problem = `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`;
    return { ok: false, incidentName: name, problem };
  }

  const r = parsed.data;
  const id = r.IncidentName.toLowerCase();
  const lastModified = r.LastModifiedTime ?? r.CreatedTime;
  return {
    ok: true,
    event: {
      eventId: `poll:${id}:${lastModified}`,
      kind: lastModified === r.CreatedTime ? 'Create' : 'Update',
      source: 'poll',
      incident: {
        id,
        workspaceId,
        number: r.IncidentNumber,
        title: r.Title,
        description: r.Description ?? '',
        severity: r.Severity,
        status: r.Status,
        owner: r.Owner,
        createdTimeUtc: r.CreatedTime,
        lastModifiedTimeUtc: lastModified,
        url: r.IncidentUrl || null,
        classification: r.Classification || null,
      },
    },
  };
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return { assignedTo: value };
  }
}
