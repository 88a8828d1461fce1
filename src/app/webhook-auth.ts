import { createHash, timingSafeEqual } from 'node:crypto';

import type { Secret } from '../config/secret';

/**
 * Compares a presented value with a secret in constant time. Digests of equal length are
 * compared, so neither the secret's length nor its prefix leaks through timing.
 */
export function secretMatches(presented: string, secret: Secret): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(secret.reveal()).digest();
  return timingSafeEqual(a, b) && presented.length > 0;
}

/** Checks `Authorization: Bearer <token>` in constant time. */
export function bearerMatches(header: string | undefined, token: Secret): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '';
  return secretMatches(presented, token);
}
