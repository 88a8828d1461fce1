import type { CloudAdapter } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';

import type { AppConfig } from '../config/app-config';
import { clientError } from '../errors/app-error';
import type { EscalationEngine } from '../escalation/escalation-engine';
import type { ReportHandler } from '../escalation/report-handler';
import type { IncidentIntake } from '../intake/incident-intake';
import { parseSentinelTrigger } from '../intake/sentinel-trigger';
import type { Store } from '../store/store';
import type { CardActionDeps } from '../teams/card-actions';
import type { TeamsBot } from '../teams/teams-bot';
import { addCallbackRoutes } from './callback-routes';
import { processActivity } from './activity-route';
import { refuseCompressedBodies, requireJson } from './body-guards';
import { healthStatus } from './health';
import { sendError, toAppError } from './http-errors';
import { bearerMatches } from './webhook-auth';

/** The incident webhook's body limit. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerDeps {
  readonly config: AppConfig;
  readonly store: Store;
  readonly intake: IncidentIntake;
  readonly engine: EscalationEngine;
  readonly reports: ReportHandler;
  readonly cardActions: CardActionDeps;
  readonly adapter: CloudAdapter;
  readonly bot: TeamsBot;
  readonly logger: Logger;
}

/** Builds the HTTP server and its routes. Handlers parse, call one domain function, answer. */
export function createServer(deps: ServerDeps): restify.Server {
  const { logger } = deps;
  const server = restify.createServer({ name: 'soc-oncall-bot', handleUncaughtExceptions: false });

  server.pre(refuseCompressedBodies);
  server.on('restifyError', (req: Request, res: Response, err: Error, callback: () => void) => {
    const appError = toAppError(err as never);
    (err as unknown as { toJSON: () => unknown }).toJSON = () => ({
      error: { code: appError.code, message: appError.message },
    });
    callback();
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const status = await healthStatus(deps);
    res.send(status.database === 'ok' ? 200 : 503, status);
  });

  server.post(
    '/api/incidents',
    incidentAuth(deps),
    requireJson,
    restify.plugins.bodyParser({
      maxBodySize: MAX_BODY_BYTES,
      mapParams: false,
      rejectUnknown: true,
    }),
    async (req: Request, res: Response) => {
      try {
        await receiveIncident(deps, req, res);
      } catch (err) {
        sendError(res, err, logger);
      }
    },
  );

  server.post(
    '/api/messages',
    requireJson,
    restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }),
    async (req: Request, res: Response) => {
      await processActivity(deps, req, res);
    },
  );

  addCallbackRoutes(server, {
    token: deps.config.callbacks.token,
    reports: deps.reports,
    logger,
  });

  return server;
}

async function receiveIncident(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const parsed = parseSentinelTrigger(req.body);
  if (!parsed.ok) {
    sendError(res, parsed.error, deps.logger);
    return;
  }

  const result = await deps.intake.receive(parsed.event);
  const body = { incidentId: result.incidentId, decision: result.decision };
  if (result.duplicate) {
    res.send(200, { duplicate: true, ...body });
    return;
  }

  res.send(202, body);
  // A new escalation calls at once; an update may end one. Anything else waits for the tick.
  if (result.openedEscalationId !== null || parsed.event.kind === 'Update') {
    setImmediate(() => void deps.engine.wake());
  }
}

function incidentAuth(deps: ServerDeps) {
  return (req: Request, res: Response, next: restify.Next) => {
    const token = deps.config.webhookToken;
    if (token !== null && !bearerMatches(req.header('authorization'), token)) {
      sendError(
        res,
        clientError(401, 'UNAUTHORIZED', 'missing or wrong bearer token'),
        deps.logger,
      );
      return next(false);
    }

    return next();
  };
}
