import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { joinCodeFromBytes } from '@playfield/shared/ids';

/** A random URL-safe id (ids need not be secret, only unique). */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}

/** A secret token: 256 bits, URL-safe. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Compares a token with a stored hash in constant time. */
export function tokenMatches(token: string, hash: string): boolean {
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh random join code. */
export function newJoinCode(): string {
  for (;;) {
    const code = joinCodeFromBytes(randomBytes(16));
    if (code) return code;
  }
}

/**
 * The room screen's key, derived from the facilitator token: any console that holds the
 * token can open the screen, and the server stores neither secret, only hashes.
 */
export function deriveScreenKey(facilitatorToken: string): string {
  return createHash('sha256').update(`playfield-screen:${facilitatorToken}`).digest('base64url');
}
