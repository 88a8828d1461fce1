import { IANAZone } from 'luxon';
import { z } from 'zod';

import { SEVERITIES } from '../intake/incident';
import { parsePhoneNumber } from '../roster/phone-number';
import { parseTitleMatcher } from '../rules/title-matcher';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const localTime = z.string().regex(TIME, 'must be a 24-hour time such as "09:00"');

const isoDate = z.string().refine(isRealDate, 'must be a date such as 2026-12-25');

const phone = z.string().superRefine((value, ctx) => {
  try {
    parsePhoneNumber(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `"${value}" ${(err as Error).message}` });
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

const person = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'must be letters, digits, ".", "_" or "-"'),
  name: z.string().min(1).max(100),
  phone,
  teamsUserId: z.string().min(1).optional(),
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
    }),
    people: z.array(person).min(1),
    onCall: z.strictObject({
      primary: z.string(),
      secondary: z.string().optional(),
      manager: z.string().optional(),
    }),
    infobip: z.strictObject({
      callerId: phone,
      smsSender: z.string().min(1),
      language: z
        .string()
        .regex(/^[a-z]{2}(-[a-z]{2})?$/i, 'must be a language code')
        .default('en'),
    }),
  })
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    config.people.forEach((p, index) => {
      if (ids.has(p.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['people', index, 'id'],
          message: `duplicate id "${p.id}"`,
        });
      }

      ids.add(p.id);
    });

    for (const role of ['primary', 'secondary', 'manager'] as const) {
      const id = config.onCall[role];
      if (id !== undefined && !ids.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['onCall', role],
          message: `unknown person id "${id}"`,
        });
      }
    }
  });

export type ConfigFile = z.infer<typeof configFileSchema>;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) {
    return false;
  }

  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
