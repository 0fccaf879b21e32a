/**
 * Real socket.io clients for the integration tests: typed handshakes, acks, and the views
 * each socket received, to wait on as states. Nothing here sleeps for a fixed time.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type AppError,
  type ClientToServerEvents,
  type Credential,
  type ExerciseKind,
  type ExerciseViews,
  type ParticipantOwnView,
  type Result,
  type ServerToClientEvents,
} from '@playfield/shared';

/** A client socket typed from the client's side of the protocol. */
export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type ViewEvent = keyof ServerToClientEvents;
export type MessageOf<E extends ViewEvent> = Parameters<ServerToClientEvents[E]>[0];
type AckedEvent = keyof ClientToServerEvents;
type AckDataOf<E extends AckedEvent> = Parameters<ClientToServerEvents[E]>[1] extends (
  result: Result<infer T>,
) => void
  ? T
  : never;

/** A refused handshake as socket.io-client reports it: the server's message and code. */
export type ConnectError = Error & { data?: Pick<AppError, 'code'> };

/** How long any single await in a test may take before it fails with a clear message. */
export const WAIT_MS = 20_000;

/** Everything each socket received, in order, so tests can inspect what reached whom. */
const received = new WeakMap<TestSocket, { event: ViewEvent; message: unknown }[]>();
/** The newest message of each view event per socket: a state to wait on, not a stream. */
const latest = new WeakMap<TestSocket, Map<ViewEvent, unknown>>();
const VIEW_EVENTS: readonly ViewEvent[] = [
  'view.facilitator',
  'view.screen',
  'view.public',
  'view.own',
];

/** Every view message this socket has received so far. */
export function receivedViews(
  socket: TestSocket,
): readonly { event: ViewEvent; message: unknown }[] {
  return received.get(socket) ?? [];
}

/**
 * Resolves with the first view of `event` matching `predicate`, counting the newest one
 * already received: views are states, so waiting for "a view where X holds" does not race
 * with a broadcast that arrived before the test started listening.
 */
export function nextView<E extends ViewEvent>(
  socket: TestSocket,
  event: E,
  predicate: (message: MessageOf<E>) => boolean = () => true,
): Promise<MessageOf<E>> {
  const newest = latest.get(socket)?.get(event) as MessageOf<E> | undefined;
  if (newest && predicate(newest)) return Promise.resolve(newest);
  return viewAfterNow(socket, event, predicate);
}

/**
 * Like {@link nextView} but ignores what already arrived: for "the server sent this
 * again", e.g. after a reconnect or a sync. Call it before the action that causes it.
 */
export function viewAfterNow<E extends ViewEvent>(
  socket: TestSocket,
  event: E,
  predicate: (message: MessageOf<E>) => boolean = () => true,
): Promise<MessageOf<E>> {
  return new Promise((resolve, reject) => {
    // socket.io's typed `on` cannot relate a generic event name to its listener.
    const untyped = socket as unknown as Socket;
    const name: string = event;
    const listener = (received: unknown) => {
      const message = received as MessageOf<E>;
      if (!predicate(message)) return;
      clearTimeout(timer);
      untyped.off(name, listener);
      resolve(message);
    };
    const timer = setTimeout(() => {
      untyped.off(name, listener);
      const last = latest.get(socket)?.get(event);
      reject(new Error(`No matching ${event} within ${WAIT_MS} ms; last: ${JSON.stringify(last)}`));
    }, WAIT_MS);
    untyped.on(name, listener);
  });
}

/** Emits an event and resolves with the server's `Result` ack (rejects if none comes). */
export function emitAck<E extends AckedEvent>(
  socket: TestSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Result<AckDataOf<E>>> {
  return emitRaw(socket, event, payload) as Promise<Result<AckDataOf<E>>>;
}

/** Like {@link emitAck} without type checks, for sending what a hostile client would. */
export function emitRaw(socket: TestSocket, event: string, payload: unknown): Promise<unknown> {
  return (socket as unknown as Socket).timeout(WAIT_MS).emitWithAck(event, payload);
}

/** Resolves when the socket is disconnected, with socket.io's reason. */
export function disconnected(socket: TestSocket): Promise<string> {
  if (socket.disconnected && !socket.active) return Promise.resolve('already disconnected');
  return withTimeout(
    new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason))),
    'disconnect',
  );
}

export function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export type ClientOptions = Partial<ManagerOptions & SocketOptions>;

/** Opens a socket with the handshake a client sends, recording every view it receives. */
function openSocket(
  url: string,
  auth: { protocolVersion: number; credential: unknown },
  options: ClientOptions,
): TestSocket {
  const socket: TestSocket = io(url, {
    // WebSocket only: no long-polling upgrade dance, so size limits and closes are direct.
    transports: ['websocket'],
    // A test that wants reconnection says so; otherwise a refused socket stays refused.
    reconnection: false,
    forceNew: true,
    auth,
    ...options,
  });
  const log: { event: ViewEvent; message: unknown }[] = [];
  const newest = new Map<ViewEvent, unknown>();
  received.set(socket, log);
  latest.set(socket, newest);
  for (const event of VIEW_EVENTS) {
    (socket as unknown as Socket).on(event, (message: unknown) => {
      log.push({ event, message });
      newest.set(event, message);
    });
  }
  return socket;
}

/** Connects with a credential and resolves once the server accepted the handshake. */
export function connectTo(
  url: string,
  credential: Credential,
  options: ClientOptions = {},
): Promise<TestSocket> {
  const socket = openSocket(url, { protocolVersion: PROTOCOL_VERSION, credential }, options);
  return withTimeout(
    new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => {
        if (!socket.active) reject(error);
      });
    }),
    'connect',
  );
}

/**
 * Opens a socket that the server should refuse and resolves with the refusal. `auth` is
 * raw so tests can send what no honest client would (another protocol version, junk).
 */
export function connectRefused(
  url: string,
  auth: { protocolVersion: number; credential: unknown },
  options: ClientOptions = {},
): Promise<ConnectError> {
  const socket = openSocket(url, auth, options);
  return withTimeout(
    new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.disconnect();
        reject(new Error('The server accepted a socket it should have refused'));
      });
      socket.once('connect_error', (error: ConnectError) => resolve(error));
    }),
    'connect_error',
  );
}

/**
 * The poll choices a participant's own view holds for a round: empty when the phone holds
 * nothing for it (a phone assumes the blank view for rounds it was not told about).
 */
export function choicesOf(own: ParticipantOwnView, roundId?: string): number[] {
  const round = own.round;
  if (!round || round.kind !== 'poll' || (roundId !== undefined && round.id !== roundId)) return [];
  return round.view.choices;
}

/** The exercise audience each view event carries. */
interface AudienceOfEvent {
  'view.facilitator': 'facilitator';
  'view.public': 'participantPublic';
  'view.own': 'participantOwn';
  'view.screen': 'screen';
}

/**
 * The newest (or next) view of `event` whose current round is an exercise of `kind` and
 * whose exercise view satisfies `predicate`; with `isAfterNow`, only views from now on.
 */
export async function exerciseView<K extends ExerciseKind, E extends keyof AudienceOfEvent>(
  socket: TestSocket,
  event: E,
  kind: K,
  predicate: (view: ExerciseViews<K>[AudienceOfEvent[E]]) => boolean,
  options: { isAfterNow?: boolean } = {},
): Promise<{ seq: number; view: ExerciseViews<K>[AudienceOfEvent[E]] }> {
  // Every view message carries `view.round` as `{ kind, view }`: narrow it by kind here, once.
  const partOf = (message: MessageOf<E>) => {
    const round = (message.view as { round?: { kind: string; view: unknown } | null }).round;
    return round?.kind === kind ? (round.view as ExerciseViews<K>[AudienceOfEvent[E]]) : null;
  };
  const wait = options.isAfterNow ? viewAfterNow : nextView;
  const message = await wait(socket, event, (m) => {
    const part = partOf(m);
    return part !== null && predicate(part);
  });
  return { seq: message.seq, view: partOf(message) as ExerciseViews<K>[AudienceOfEvent[E]] };
}
