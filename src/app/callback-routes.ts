import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';

import { parseInboundSms, parseSmsReports, parseVoiceReports } from '../channels/infobip-reports';
import type { Secret } from '../config/secret';
import { clientError } from '../errors/app-error';
import type { ReportHandler } from '../escalation/report-handler';
import { sendError } from './http-errors';
import { requireJson } from './body-guards';
import { secretMatches } from './webhook-auth';

export interface CallbackDeps {
  readonly token: Secret | null;
  readonly reports: ReportHandler;
  readonly logger: Logger;
}

const CALLBACK_BODY_BYTES = 256 * 1024;

/**
 * Infobip's callbacks: voice reports, SMS reports and inbound SMS. Infobip does not sign
 * them, so each URL carries our own token, checked in constant time.
 */
export function addCallbackRoutes(server: restify.Server, deps: CallbackDeps): void {
  const route = <T>(
    path: string,
    parse: (body: unknown) => T[] | null,
    apply: (item: T) => Promise<void>,
  ) => {
    server.post(
      path,
      (req: Request, res: Response, next: restify.Next) => checkToken(deps, req, res, next),
      requireJson,
      restify.plugins.bodyParser({ maxBodySize: CALLBACK_BODY_BYTES, mapParams: false }),
      async (req: Request, res: Response) => {
        const items = parse(req.body);
        if (items === null) {
          sendError(
            res,
            clientError(400, 'INVALID_REPORT', `${path}: expected { results: [...] }`),
            deps.logger,
          );
          return;
        }

        try {
          for (const item of items) {
            await apply(item);
          }

          res.send(200, { received: items.length });
        } catch (err) {
          sendError(res, err, deps.logger);
        }
      },
    );
  };

  route('/api/infobip/voice-reports', parseVoiceReports, (r) => deps.reports.voice(r));
  route('/api/infobip/sms-reports', parseSmsReports, (r) => deps.reports.sms(r));
  route('/api/infobip/inbound-sms', parseInboundSms, (m) => deps.reports.inbound(m));
}

function checkToken(deps: CallbackDeps, req: Request, res: Response, next: restify.Next) {
  const presented = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
  if (deps.token !== null && !secretMatches(presented, deps.token)) {
    sendError(
      res,
      clientError(401, 'UNAUTHORIZED', 'missing or wrong callback token'),
      deps.logger,
    );
    return next(false);
  }

  return next();
}
