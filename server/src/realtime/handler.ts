import type { Socket } from 'socket.io';
import type { z } from 'zod';
import {
  describeIssues,
  fail,
  PROTOCOL_VERSION,
  type AppError,
  type ErrorCode,
  type Result,
} from '@playfield/shared';
import { reportFault, toAppError } from '../faults/faults.ts';
import type { RateLimiter } from '../security/rateLimiter.ts';

/**
 * How every socket.io namespace (sessions on `/`, documents on `/docs`) takes a connection
 * and runs an event: one handshake (auth parsed, protocol version checked, credential
 * proven, any throw a typed refusal) and one event wrapper (strikes, rate limit, parse,
 * authorise, run, ack, error boundary). A namespace says only what is its own.
 */

/** After this many refused events in a row (floods, junk) the socket is disconnected. */
export const MAX_STRIKES = 50;

/** A refused handshake, as socket.io hands it to the client's `connect_error`. */
export function connectError(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { data: { code } satisfies Pick<AppError, 'code'> });
}

type Next = (error?: Error) => void;

/**
 * The handshake middleware of a namespace: `gate` may refuse before anything is read (a
 * server too busy), the auth is parsed by `schema` and must speak this protocol version,
 * then `admit` proves the credential and fills `socket.data`. Never the raw message of an
 * internal error: only a typed one reaches the client.
 */
export function handshake<S extends Socket, A extends { protocolVersion: number }>(options: {
  label: string;
  schema: z.ZodType<A>;
  gate?: () => AppError | null;
  admit(socket: S, auth: A): Promise<Result<unknown>>;
}): (socket: S, next: Next) => void {
  return (socket, next) => {
    const refused = options.gate?.();
    if (refused) return next(connectError(refused.code, refused.message));
    void (async () => {
      const parsed = options.schema.safeParse(socket.handshake.auth);
      if (!parsed.success)
        return next(
          connectError('BAD_REQUEST', `Invalid handshake: ${describeIssues(parsed.error)}`),
        );
      if (parsed.data.protocolVersion !== PROTOCOL_VERSION)
        return next(
          connectError('PROTOCOL_MISMATCH', 'Playfield has been updated: reload the page'),
        );
      const admitted = await options.admit(socket, parsed.data);
      if (!admitted.ok) return next(connectError(admitted.error.code, admitted.error.message));
      next();
    })().catch((error: unknown) => {
      reportFault(`${options.label}: handshake`, error);
      const { code, message } = toAppError(error);
      next(connectError(code, message));
    });
  };
}

/** What the event wrapper needs of a socket, whatever its namespace's typed events. */
export interface EventSocket {
  /** Every incoming event: its name, then its arguments (the payload, then the ack). */
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  disconnect(close: boolean): unknown;
}

/** An event's schema, checked before anything else of the namespace's own is run. */
export interface EventSpec<P> {
  schema: z.ZodType<P>;
}

/** What `authorise` decides: a refusal, or the work that answers the event. */
export type Admission = Result<() => Promise<Result<unknown>> | Result<unknown>>;

/**
 * Serves `events` on one socket through one listener (a dispatcher over the table, not a
 * listener per event: a room of 5,000 phones holds 5,000 of them, not 50,000). An event
 * not in the table is ignored. Each event must come with an ack and gets exactly one
 * answer: refused when the socket struck out (that many refusals in a row), over its rate,
 * not permitted or malformed; else what `authorise` and its work answer, a throw (even a synchronous
 * one) becoming a typed refusal of that event alone. A struck-out socket is closed once
 * every event it had in flight has been answered: an action that was stored is
 * acknowledged as stored, never lost with the connection.
 */
export function serveEvents<E extends string>(
  socket: EventSocket,
  options: {
    label: string;
    events: { readonly [K in E]: EventSpec<unknown> };
    limiter: RateLimiter;
    rateKey: string;
    /** The refusal of an event over the rate, in the namespace's words. */
    rateMessage: string;
    /** Who may send it at all, decided before its payload is read (a role's events). */
    permit?: (event: E) => AppError | null;
    /** Authorises the parsed payload: a refusal, or the work to do. */
    authorise(event: E, payload: unknown): Admission;
  },
): void {
  let strikes = 0;
  let inFlight = 0;
  /** Struck out once: stays so (a stored action answered later does not lift it). */
  let isClosing = false;
  socket.onAny((name: string, payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function' || !Object.hasOwn(options.events, name)) return;
    const event = name as E;
    const spec = options.events[event];
    const answer = ack as (result: Result<unknown>) => void;
    // Past the strike limit nothing new is run; what is in flight still gets its ack.
    if (isClosing) {
      answer(fail('RATE_LIMITED', 'Too many refused actions: reconnect to go on'));
      return;
    }
    inFlight++;
    const reply = (result: Result<unknown>): void => {
      inFlight--;
      strikes = result.ok ? 0 : strikes + 1;
      answer(result);
      if (strikes >= MAX_STRIKES) isClosing = true;
      if (isClosing && inFlight === 0) socket.disconnect(true);
    };
    if (!options.limiter.take(options.rateKey))
      return reply(fail('RATE_LIMITED', options.rateMessage));
    const forbidden = options.permit?.(event);
    if (forbidden) return reply({ ok: false, error: forbidden });
    const parsed = spec.schema.safeParse(payload);
    if (!parsed.success) return reply(fail('BAD_REQUEST', describeIssues(parsed.error)));
    Promise.resolve()
      .then(() => {
        const admitted = options.authorise(event, parsed.data);
        return admitted.ok ? admitted.data() : admitted;
      })
      .then(reply, (error: unknown) => {
        reportFault(`${options.label}: ${event}`, error);
        reply({ ok: false, error: toAppError(error) });
      });
  });
}
