import type restify from 'restify';
import type { Request, Response } from 'restify';

import { clientError } from '../errors/app-error';

/**
 * Compressed bodies are refused on every route: the body limit counts the bytes received,
 * and a small gzip body can unpack to gigabytes.
 */
export function refuseCompressedBodies(req: Request, res: Response, next: restify.Next) {
  const encoding = (req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    const error = clientError(
      415,
      'UNSUPPORTED_ENCODING',
      'compressed request bodies are not accepted',
    );
    res.send(error.status, { error: { code: error.code, message: error.message } });
    return next(false);
  }

  return next();
}

/** Refuses any body that is not JSON before it is read. */
export function requireJson(req: Request, res: Response, next: restify.Next) {
  const type = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    const error = clientError(415, 'UNSUPPORTED_MEDIA_TYPE', 'the body must be application/json');
    res.send(error.status, { error: { code: error.code, message: error.message } });
    return next(false);
  }

  return next();
}
