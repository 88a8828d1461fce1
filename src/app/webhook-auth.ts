import { createHash, timingSafeEqual } from 'node:crypto';

import type { Secret } from '../config/secret';

/**
 * Checks `Authorization: Bearer <token>` in constant time. Digests of equal length are
 * compared, so neither the token's length nor its prefix leaks through timing.
 */
export function bearerMatches(header: string | undefined, token: Secret): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '';
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(token.reveal()).digest();
  return timingSafeEqual(a, b) && presented.length > 0;
}
