import type { CloudAdapter, Request as AgentsRequest } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';

import { clientError } from '../errors/app-error';
import { activityProblem } from '../teams/activity-shape';
import { handleCardAction, isCardAction, type CardActionDeps } from '../teams/card-actions';
import type { TeamsBot } from '../teams/teams-bot';
import { sendError } from './http-errors';

export interface ActivityRouteDeps {
  readonly adapter: CloudAdapter;
  readonly bot: TeamsBot;
  readonly cardActions: CardActionDeps;
  readonly logger: Logger;
}

/**
 * Bot Framework activities: the token is checked first, then the shape, then the Agents
 * SDK runs the turn. The SDK's JWT check is express-style: its error path calls
 * `res.status(code).send(body)`, which restify's response does not chain, so it gets a small
 * shim that also answers in our error shape (reference teams.md, trap 1).
 */
export async function processActivity(
  deps: ActivityRouteDeps,
  req: Request,
  res: Response,
): Promise<void> {
  if (!(await authorized(deps, req, res))) {
    return;
  }

  const problem = activityProblem(req.body);
  if (problem !== null) {
    sendError(res, clientError(400, 'INVALID_ACTIVITY', problem), deps.logger);
    return;
  }

  try {
    await deps.adapter.process(req as unknown as AgentsRequest, res as never, (ctx) =>
      isCardAction(ctx.activity) ? handleCardAction(ctx, deps.cardActions) : deps.bot.handle(ctx),
    );
  } catch (err) {
    if (!res.headersSent) {
      deps.logger.warn({ error: (err as Error).message }, 'activity refused by the SDK');
      sendError(
        res,
        clientError(400, 'INVALID_ACTIVITY', 'the activity could not be processed'),
        deps.logger,
      );
      return;
    }

    deps.logger.error({ err }, 'activity failed after answering');
  }
}

async function authorized(deps: ActivityRouteDeps, req: Request, res: Response): Promise<boolean> {
  let status = 401;
  const shim = {
    status(code: number) {
      status = code;
      return shim;
    },
    send() {
      const refused = clientError(status, 'UNAUTHORIZED', 'missing or invalid Bot Framework token');
      sendError(res, refused, deps.logger);
      return shim;
    },
  };
  let passed = false;
  await deps.adapter.authorizeRequest(req as unknown as AgentsRequest, shim as never, () => {
    passed = true;
  });
  return passed;
}
