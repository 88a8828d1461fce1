import { z } from 'zod';

const account = z
  .object({ id: z.string().max(500), name: z.string().max(500).nullish() })
  .passthrough();

const httpUrl = z
  .string()
  .max(2000)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'must be an http(s) URL',
  });

/** The fields the bot reads from an activity, checked before the Agents SDK sees it. */
const activityShape = z
  .object({
    type: z.string().min(1).max(100),
    serviceUrl: httpUrl,
    channelId: z.string().max(100).optional(),
    from: account.optional(),
    recipient: account.optional(),
    conversation: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
    text: z.string().max(100_000).nullish(),
    entities: z
      .array(z.object({ type: z.string().optional() }).passthrough())
      .max(100)
      .nullish(),
    membersAdded: z.array(account).max(1000).nullish(),
    channelData: z.record(z.string(), z.unknown()).nullish(),
  })
  .passthrough();

/**
 * Checks an inbound Bot Framework activity's shape. Answers null when it is usable, or a
 * message naming the first problems.
 */
export function activityProblem(body: unknown): string | null {
  const parsed = activityShape.safeParse(body);
  if (parsed.success) {
    return null;
  }

  const problems = parsed.error.issues.slice(0, 3).map((issue) => {
    const field = issue.path.length === 0 ? 'body' : issue.path.join('.');
    return `${field}: ${issue.message}`;
  });
  return `invalid activity: ${problems.join('; ')}`;
}
