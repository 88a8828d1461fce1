import { randomUUID } from 'node:crypto';

import type { Logger } from 'pino';
import type { Response } from 'restify';

import { AppError } from '../errors/app-error';

/** Answers an error as `{ error: { code, message } }`. Unsafe errors never show their text. */
export function sendError(res: Response, err: unknown, logger: Logger): void {
  if (err instanceof AppError && err.safe) {
    res.send(err.status, { error: { code: err.code, message: err.message } });
    return;
  }

  const correlationId = randomUUID();
  logger.error({ err, correlationId }, 'request failed');
  res.send(500, {
    error: { code: 'UNEXPECTED', message: `unexpected error (correlation id ${correlationId})` },
  });
}

/** Restify's own HTTP errors (body parser, routing) in the same shape as ours. */
export function toAppError(err: {
  statusCode?: number;
  message: string;
  body?: { code?: string };
}): AppError {
  const status = err.statusCode ?? 500;
  if (status === 413) {
    const limit = /\d+/.exec(err.message)?.[0] ?? 'the limit';
    return new AppError('PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes`, {
      status,
      safe: true,
    });
  }

  const code = (err.body?.code ?? 'ERROR').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return new AppError(code, err.message, { status, safe: status < 500 });
}
