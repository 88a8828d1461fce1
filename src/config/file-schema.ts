import { IANAZone } from 'luxon';
import { z } from 'zod';

import { parseDuration } from '../escalation/chain';
import { SEVERITIES } from '../intake/incident';
import { maskPhone, parsePhoneNumber } from '../roster/phone-number';
import { parseTitleMatcher } from '../rules/title-matcher';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const ROLES: ReadonlySet<string> = new Set(['primary', 'secondary', 'manager']);
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const localTime = z.string().regex(TIME, 'must be a 24-hour time such as "09:00"');

const isoDate = z.string().refine(isRealDate, 'must be a date such as 2026-12-25');

const phone = z.string().superRefine((value, ctx) => {
  try {
    parsePhoneNumber(value);
  } catch (err) {
    // The number itself stays out of the message: start-up errors end up in logs.
    ctx.addIssue({ code: 'custom', message: `${maskPhone(value)} ${(err as Error).message}` });
  }
});

const titleEntry = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    try {
      parseTitleMatcher(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `invalid title pattern: ${(err as Error).message}` });
    }
  });

const duration = z
  .string()
  .refine((text) => parseDuration(text) !== null, 'must be a duration such as "30s", "5m" or "1h"');

const chainStep = z.strictObject({
  call: z.string().min(1),
  after: duration,
});

const person = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'must be letters, digits, ".", "_" or "-"'),
  name: z.string().min(1).max(100),
  phone,
  teamsUserId: z.string().min(1).optional(),
});

const positiveDuration = duration.refine(
  (text) => (parseDuration(text) ?? 0) > 0,
  'must be longer than 0s',
);

/** `intake`: polling Sentinel's SecurityIncident table, and the heartbeat rule. */
const intakeSection = z.strictObject({
  poll: z
    .strictObject({
      workspaceId: z.guid('must be the Log Analytics workspace id, a guid'),
      every: positiveDuration.default('60s'),
      overlap: duration.default('10m'),
    })
    .optional(),
  heartbeat: z
    .strictObject({
      silentFor: positiveDuration.default('6h'),
      pollFailingFor: positiveDuration.default('10m'),
    })
    .optional(),
});

/** The shape of oncall.yaml. Unknown keys are errors: a typo must not pass silently. */
export const configFileSchema = z
  .strictObject({
    timezone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'unknown IANA time zone'),
    businessHours: z
      .strictObject({
        days: z.array(z.enum(WEEKDAYS)).min(1),
        start: localTime,
        end: localTime,
      })
      .refine((h) => h.start < h.end, { message: 'start must be before end', path: ['end'] }),
    holidays: z.array(isoDate).default([]),
    escalate: z.strictObject({
      severities: z.array(z.enum(SEVERITIES)).default(['High']),
      titles: z.array(titleEntry).default([]),
      preEscalatedPrefix: z.string().default('[ON-CALL]'),
      volume: z
        .strictObject({
          severities: z.array(z.enum(SEVERITIES)).min(1).default(['Low', 'Medium']),
          moreThan: z.number().int().positive(),
          withinMinutes: z
            .number()
            .int()
            .positive()
            .max(24 * 60),
        })
        .optional(),
    }),
    people: z.array(person).min(1),
    onCall: z.strictObject({
      primary: z.string(),
      secondary: z.string().optional(),
      manager: z.string().optional(),
    }),
    mode: z.enum(['live', 'shadow']).default('live'),
    chain: z
      .array(chainStep)
      .min(1)
      .default([{ call: 'primary', after: '0m' }]),
    unansweredAfter: duration.default('5m'),
    callLimits: z
      .array(
        z.strictObject({
          calls: z.number().int().positive(),
          within: duration.refine((text) => (parseDuration(text) ?? 0) > 0, 'must be more than 0s'),
        }),
      )
      .default([
        { calls: 3, within: '15m' },
        { calls: 7, within: '1h' },
      ]),
    infobip: z.strictObject({
      callerId: phone,
      smsSender: z
        .string()
        .min(1)
        .refine(
          (sender) => sender.trim().startsWith('+') || /^[A-Za-z0-9 ]{1,11}$/.test(sender.trim()),
          'must be a phone number or an alphanumeric sender id of at most 11 characters',
        ),
      language: z
        .string()
        .regex(/^[a-z]{2}(-[a-z]{2})?$/i, 'must be a language code')
        .default('en'),
    }),
    intake: intakeSection.optional(),
  })
  .superRefine(checkReferences, {
    // Run even when other fields failed, so every problem is listed at once.
    when: (payload) => isRecord(payload.value),
  });

export type ConfigFile = z.infer<typeof configFileSchema>;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) {
    return false;
  }

  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

type RefinementContext = Parameters<Parameters<z.ZodType['superRefine']>[0]>[1];

/** Person ids must be unique, and every role and chain target must name one. */
function checkReferences(config: unknown, ctx: RefinementContext): void {
  const raw = config as { people?: unknown; onCall?: unknown; chain?: unknown };
  const people = Array.isArray(raw.people) ? (raw.people as unknown[]) : [];
  const ids = new Set<string>();
  const teamsIds = new Set<string>();
  people.forEach((p, index) => {
    const teamsUserId = isRecord(p) && typeof p.teamsUserId === 'string' ? p.teamsUserId : null;
    if (teamsUserId !== null && teamsIds.has(teamsUserId)) {
      const message = `teamsUserId "${teamsUserId}" belongs to another person too`;
      ctx.addIssue({ code: 'custom', path: ['people', index, 'teamsUserId'], message });
    }

    if (teamsUserId !== null) {
      teamsIds.add(teamsUserId);
    }

    const id = isRecord(p) && typeof p.id === 'string' ? p.id : null;
    if (id !== null && ids.has(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['people', index, 'id'],
        message: `duplicate id "${id}"`,
      });
    }

    if (id !== null) {
      ids.add(id);
    }
  });

  const onCall = isRecord(raw.onCall) ? raw.onCall : {};
  for (const role of ROLES) {
    const id = onCall[role];
    if (typeof id === 'string' && !ids.has(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['onCall', role],
        message: `unknown person id "${id}"`,
      });
    }
  }

  const chain = Array.isArray(raw.chain) ? (raw.chain as unknown[]) : [];
  let previousMs = 0;
  chain.forEach((step, index) => {
    if (!isRecord(step)) {
      return;
    }

    if (typeof step.call === 'string' && !ROLES.has(step.call) && !ids.has(step.call)) {
      const message = `"${step.call}" is neither a role (${[...ROLES].join(', ')}) nor a person id`;
      ctx.addIssue({ code: 'custom', path: ['chain', index, 'call'], message });
    }

    const ms = typeof step.after === 'string' ? parseDuration(step.after) : null;
    if (ms !== null && ms < previousMs) {
      const message = 'steps must be in order: "after" is earlier than the previous step';
      ctx.addIssue({ code: 'custom', path: ['chain', index, 'after'], message });
    }

    previousMs = ms ?? previousMs;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
