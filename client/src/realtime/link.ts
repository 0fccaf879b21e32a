import { io, type Socket } from 'socket.io-client';
import type { AppError, ErrorCode } from '@playfield/shared';
import { PROTOCOL_VERSION } from '@playfield/shared/protocol/version';

/**
 * What both of the page's socket.io connections (the session on `/`, documents on
 * `/docs`) agree on: how long an answer is awaited, which refusals are final, and how
 * they reconnect.
 */

/**
 * How long an acknowledged event waits for its answer before it counts as unanswered. A
 * stored action may queue behind others of a busy room and a database write: ten seconds
 * is past the server's own ping time-out, so a live link is never judged dead first.
 */
export const ACK_TIMEOUT_MS = 10_000;

/**
 * Refusals after which trying again cannot help (wrong or revoked credential, a page from
 * an older Playfield, a handshake the server cannot read): the page explains instead.
 * Anything else (BUSY, UNAVAILABLE, RATE_LIMITED…) passes, and the link retries.
 */
export const FINAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PROTOCOL_MISMATCH',
  'BAD_REQUEST',
]);

export const isFinalCode = (code: string): boolean => FINAL_CODES.has(code as ErrorCode);

/** A handshake refusal that is final, as the page shows it; null when retrying may help. */
export function finalConnectError(error: Error & { data?: { code?: string } }): AppError | null {
  const code = error.data?.code;
  return code && isFinalCode(code) ? { code: code as ErrorCode, message: error.message } : null;
}

/**
 * Opens a socket.io connection to `namespace` with this page's protocol version and
 * `auth`. Reconnection is jittered: after a restart a room of phones comes back spread
 * over seconds, not at once.
 */
export function openLink<S extends Socket>(
  namespace: '/' | '/docs',
  auth: Record<string, unknown>,
): S {
  const options = {
    auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  };
  return (namespace === '/' ? io(options) : io(namespace, options)) as S;
}
