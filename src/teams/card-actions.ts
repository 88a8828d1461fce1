import { randomUUID } from 'node:crypto';

import { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';

import { ACK_VERB } from '../cards/escalation-card';
import type { EscalationEngine } from '../escalation/escalation-engine';
import type { Notifier } from '../escalation/notifier';

export interface CardActionDeps {
  readonly engine: EscalationEngine;
  readonly notifier: Notifier;
  readonly logger: Logger;
}

interface AckData {
  readonly verb?: unknown;
  readonly escalationId?: unknown;
}

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const ERROR_TYPE = 'application/vnd.microsoft.error';

/** Whether an activity is a card button press: Action.Execute or its Action.Submit fallback. */
export function isCardAction(activity: Activity): boolean {
  if (activity.type === 'invoke') {
    return activity.name === 'adaptiveCard/action';
  }

  const value = activity.value as AckData | undefined;
  return activity.type === 'message' && typeof value === 'object' && value?.verb === ACK_VERB;
}

/**
 * Handles the Acknowledge button. The invoke is answered with the updated card as soon as the
 * state change is stored; replacing the post for everyone and the SMS follow the answer. A
 * repeated click changes nothing and gets the same card.
 */
export async function handleCardAction(ctx: TurnContext, deps: CardActionDeps): Promise<void> {
  try {
    await acknowledgeFromCard(ctx, deps);
  } catch (err) {
    const correlationId = randomUUID();
    deps.logger.error({ err, correlationId }, 'card action failed');
    const error = `unexpected error (correlation id ${correlationId})`;
    await answer(ctx, ctx.activity.type === 'invoke', { error });
  }
}

async function acknowledgeFromCard(ctx: TurnContext, deps: CardActionDeps): Promise<void> {
  const { activity } = ctx;
  const invoke = activity.type === 'invoke';
  const value = activity.value as { action?: { verb?: unknown; data?: AckData } } & AckData;
  const verb = invoke ? value?.action?.verb : value?.verb;
  const data = (invoke ? value?.action?.data : value) ?? {};
  const escalationId = typeof data.escalationId === 'string' ? data.escalationId : null;

  if (verb !== ACK_VERB || escalationId === null) {
    await answer(ctx, invoke, { error: `unknown card action "${String(verb)}"` });
    return;
  }

  const by = activity.from?.name ?? 'someone';
  const outcome = await deps.engine.acknowledge(escalationId, {
    by,
    byId: activity.from?.id ?? null,
    via: 'teams',
  });
  if (outcome.escalation === null) {
    await answer(ctx, invoke, { error: 'this escalation is not known to the bot' });
    return;
  }

  const card = await deps.notifier.card(escalationId);
  const text = outcome.accepted ? `Acknowledged by ${by}.` : 'Already acknowledged.';
  await answer(
    ctx,
    invoke,
    card === null ? { error: 'the card could not be built' } : { card, text },
  );
}

type Answer = { card: object; text: string } | { error: string };

async function answer(ctx: TurnContext, invoke: boolean, result: Answer): Promise<void> {
  if (!invoke) {
    await ctx.sendActivity('error' in result ? `Sorry: ${result.error}.` : result.text);
    return;
  }

  const body =
    'error' in result
      ? { statusCode: 400, type: ERROR_TYPE, value: { code: 'BadRequest', message: result.error } }
      : { statusCode: 200, type: CARD_TYPE, value: result.card };
  await ctx.sendActivity(
    Activity.fromObject({ type: 'invokeResponse', value: { status: 200, body } }),
  );
}
