import { DateTime } from 'luxon';
import { z } from 'zod';

import { clientError, type AppError } from '../errors/app-error';
import { SEVERITIES, STATUSES, type IncidentEvent } from './incident';

const MAX_TITLE = 10_000;
const MAX_TEXT = 100_000;

const ISO_DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const ISO_TIME = String.raw`([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?`;
const ISO_OFFSET = String.raw`(Z|[+-](0\d|1[0-4]):?[0-5]\d)`;
const ISO_INSTANT = new RegExp(`^${ISO_DATE}T${ISO_TIME}${ISO_OFFSET}$`, 'i');

const utcInstant = z
  .string()
  .max(40)
  .regex(ISO_INSTANT, 'must be an ISO 8601 instant with Z or an offset')
  .transform((value, ctx) => {
    const parsed = DateTime.fromISO(value, { setZone: true });
    if (!parsed.isValid || parsed.year < 2000 || parsed.year > 2100) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid instant` });
      return z.NEVER;
    }

    return parsed.toUTC().toISO() ?? '';
  });

/** Accepts an enum value in any letter case and answers it in Sentinel's spelling. */
function caseInsensitiveEnum<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .string()
    .transform(
      (value) => values.find((v) => v.toLowerCase() === value.trim().toLowerCase()) ?? value,
    )
    .pipe(z.enum(values, { error: () => `must be one of ${values.join(', ')}` }));
}

const nullableText = z.string().max(1000).nullish();

const owner = z
  .object({
    assignedTo: nullableText,
    userPrincipalName: nullableText,
    email: nullableText,
    objectId: nullableText,
  })
  .nullish()
  .transform((o) => o?.assignedTo || o?.userPrincipalName || o?.email || o?.objectId || null);

const incidentNumber = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/, 'must be a whole number')
    .transform(Number),
]);

const properties = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(MAX_TITLE),
  description: z.string().max(MAX_TEXT).nullish(),
  severity: caseInsensitiveEnum(SEVERITIES),
  status: caseInsensitiveEnum(STATUSES),
  owner,
  createdTimeUtc: utcInstant,
  lastModifiedTimeUtc: utcInstant.optional(),
  incidentNumber,
  classification: z.string().max(100).nullish(),
  incidentUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullish(),
});

const triggerBody = z.object({
  eventUniqueId: z.string().trim().min(1).max(200),
  objectSchemaType: z.literal('Incident', {
    error: () => 'must be "Incident": only the Sentinel incident trigger is accepted',
  }),
  objectEventType: z.enum(['Create', 'Update']),
  workspaceId: z.string().trim().min(1).max(200),
  object: z.object({
    name: z.string().trim().min(1).max(200),
    properties,
  }),
});

/** Result of reading a webhook body: an event, or a 400 that names the problem. */
export type TriggerParseResult =
  | { readonly ok: true; readonly event: IncidentEvent }
  | { readonly ok: false; readonly error: AppError };

/**
 * Reads the body of the Logic App "Microsoft Sentinel incident" trigger (reference
 * sentinel.md §1). Alert-trigger bodies and other foreign shapes are refused by name.
 */
export function parseSentinelTrigger(body: unknown): TriggerParseResult {
  const foreign = recogniseForeignShape(body);
  if (foreign !== null) {
    return { ok: false, error: clientError(400, 'UNSUPPORTED_PAYLOAD', foreign) };
  }

  const parsed = triggerBody.safeParse(body);
  if (!parsed.success) {
    return { ok: false, error: clientError(400, 'INVALID_INCIDENT', describe(parsed.error)) };
  }

  const { object, workspaceId, eventUniqueId, objectEventType } = parsed.data;
  const p = object.properties;
  return {
    ok: true,
    event: {
      eventId: eventUniqueId,
      kind: objectEventType,
      source: 'webhook',
      incident: {
        id: object.name.toLowerCase(),
        workspaceId,
        number: p.incidentNumber,
        title: p.title,
        description: p.description ?? '',
        severity: p.severity,
        status: p.status,
        owner: p.owner,
        createdTimeUtc: p.createdTimeUtc,
        lastModifiedTimeUtc: p.lastModifiedTimeUtc ?? p.createdTimeUtc,
        url: p.incidentUrl ?? null,
        classification: p.classification ?? null,
      },
    },
  };
}

function recogniseForeignShape(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'the body must be a JSON object: the Sentinel incident trigger body';
  }

  const record = body as Record<string, unknown>;
  if ('SystemAlertId' in record || 'AlertDisplayName' in record) {
    return 'this is a Sentinel alert trigger body; use the "Microsoft Sentinel incident" trigger';
  }

  if (record.schemaId === 'azureMonitorCommonAlertSchema') {
    return 'Azure Monitor alerts are not accepted here; send Sentinel incident trigger bodies';
  }

  return null;
}

function describe(error: z.ZodError): string {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const field = issue.path.length === 0 ? 'body' : issue.path.join('.');
    return `${field}: ${issue.message}`;
  });
  return `invalid incident: ${problems.join('; ')}`;
}
