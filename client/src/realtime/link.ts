import { io, type Socket } from 'socket.io-client';
import type { AppError, ErrorCode, Result } from '@playfield/shared';
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

/** Times an action refused as BUSY (nothing was stored) is sent again before giving up. */
export const BUSY_RETRIES = 5;

/**
 * How long to wait before sending again an action the server refused as BUSY: doubling
 * from about a quarter of a second, capped at 4 s, each pause drawn between half and one
 * and a half times that, so a room of phones told BUSY together does not come back together.
 */
export function busyDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.min(4000, 250 * 2 ** attempt) * (0.5 + random());
}

/**
 * Sends an action with `send` and, while the server refuses it as BUSY (it stored nothing,
 * so sending again cannot count it twice), sends it again after {@link busyDelayMs}, up to
 * {@link BUSY_RETRIES} times. `send` may throw (no answer in time): that passes through.
 */
export async function sendRetryingBusy<T>(
  send: () => Promise<Result<T>>,
  onBusy: () => void = () => undefined,
): Promise<Result<T>> {
  for (let attempt = 0; ; attempt++) {
    const result = await send();
    if (result.ok || result.error.code !== 'BUSY' || attempt >= BUSY_RETRIES) return result;
    onBusy();
    await new Promise((resolve) => setTimeout(resolve, busyDelayMs(attempt)));
  }
}

/** The first reconnection pause, doubled per attempt up to the cap (then jittered). */
const RECONNECT_BASE_MS = 500;
const RECONNECT_MAX_MS = 5_000;

/**
 * How long to wait before handshake attempt `attempt + 1` after a refusal that may pass
 * (BUSY: the server admits connections at a bounded rate): doubling from half a second,
 * capped at 5 s, each pause drawn between half and one and a half times that, so a room of
 * phones refused together does not come back together.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt) * (0.5 + random());
}

/**
 * socket.io-client reconnects by itself after a lost connection, but not after the server's
 * handshake middleware refused it: a phone told BUSY would stay offline. This tries such a
 * socket again after {@link reconnectDelayMs} while the refusal is not final, and stops for
 * good once the page closes the socket (`disconnect()`) or the refusal is final.
 */
export function retryRefusedHandshakes(
  socket: Socket,
  delayMs: (attempt: number) => number = reconnectDelayMs,
): void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let isClosed = false;
  socket.on('connect', () => {
    attempt = 0;
  });
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    // Still active: the transport failed and socket.io's own reconnection goes on.
    if (socket.active || isClosed || finalConnectError(error)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!isClosed && !socket.connected && !socket.active) socket.connect();
    }, delayMs(attempt++));
  });
  const close = socket.disconnect.bind(socket);
  socket.disconnect = () => {
    isClosed = true;
    if (timer) clearTimeout(timer);
    timer = null;
    return close();
  };
  // Opening again (a phone back from its lock screen) resumes the retries.
  const open = socket.connect.bind(socket);
  socket.connect = () => {
    isClosed = false;
    return open();
  };
  socket.open = () => socket.connect();
}

/**
 * Opens a socket.io connection to `namespace` with this page's protocol version and
 * `auth`. Reconnection is jittered: after a restart a room of phones comes back spread
 * over seconds, not at once, and a handshake refused as BUSY is tried again the same way.
 */
export function openLink<S extends Socket>(
  namespace: '/' | '/docs',
  auth: Record<string, unknown>,
): S {
  const options = {
    auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
    transports: ['websocket', 'polling'],
    reconnectionDelay: RECONNECT_BASE_MS,
    reconnectionDelayMax: RECONNECT_MAX_MS,
    randomizationFactor: 0.5,
  };
  const socket = (namespace === '/' ? io(options) : io(namespace, options)) as S;
  retryRefusedHandshakes(socket);
  return socket;
}
