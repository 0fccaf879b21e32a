/**
 * Integration harness: the real server on a free port, real HTTP and real socket.io
 * clients. Tests await acks and views; nothing here sleeps for a fixed time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterEach } from 'vitest';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type AppError,
  type ClientToServerEvents,
  type CreateSessionBody,
  type CreatedSession,
  type JoinedSeat,
  type Credential,
  type ExerciseKind,
  type ExerciseViews,
  type ParticipantOwnView,
  type Result,
  type ServerToClientEvents,
} from '@playfield/shared';
import { loadConfig, startPlayfield, type Playfield, type ServerConfig } from '@playfield/server';
import { openStorage, type BackendName } from './databases.ts';

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
const WAIT_MS = 20_000;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A poll round as the facilitator submits it; override any field. */
export function pollRound(
  config: Partial<{
    question: string;
    options: string[];
    isMultipleChoice: boolean;
    isAnonymous: boolean;
  }> = {},
  title = 'Warm-up poll',
): CreateSessionBody['agenda'][number] {
  return {
    kind: 'poll',
    title,
    config: {
      question: 'How do customers reach us first?',
      options: ['Phone', 'Email', 'Chat'],
      isMultipleChoice: false,
      isAnonymous: false,
      ...config,
    },
  };
}

/** A device id as a phone would keep it (the join schema wants 16+ URL-safe characters). */
export function newDeviceId(): string {
  return randomBytes(12).toString('base64url');
}

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

function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
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

type ClientOptions = Partial<ManagerOptions & SocketOptions>;

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

/** Reads a JSON response, keeping the status for assertions. */
export async function requestJson(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the assertion on `body` will show the text.
  }
  return { status: response.status, body, headers: response.headers };
}

/** POSTs a JSON body. */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  return requestJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Creates a session over HTTP; fails the test if the server refuses. */
export async function createSessionAt(
  url: string,
  body: Partial<CreateSessionBody> = {},
): Promise<CreatedSession> {
  const response = await postJson(`${url}/api/sessions`, {
    title: 'Service basics',
    agenda: [pollRound(), pollRound({ question: 'Which channel is busiest?' }, 'Second poll')],
    ...body,
  });
  if (response.status !== 201)
    throw new Error(`createSession: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as CreatedSession;
}

/** Joins a session over HTTP as a phone would; fails the test if the server refuses. */
export async function joinAt(
  url: string,
  code: string,
  name: string,
  deviceId = newDeviceId(),
): Promise<JoinedSeat> {
  const response = await postJson(`${url}/api/join`, { code, name, deviceId });
  if (response.status !== 201)
    throw new Error(`join: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as JoinedSeat;
}

/** Credentials for the three kinds of socket a session has. */
export function facilitatorOf(session: CreatedSession): Credential {
  return { role: 'facilitator', sessionId: session.sessionId, token: session.facilitatorToken };
}
export function screenOf(session: CreatedSession): Credential {
  return { role: 'screen', sessionId: session.sessionId, key: session.screenKey };
}
export function participantOf(seat: Pick<JoinedSeat, 'resumeToken'>): Credential {
  return { role: 'participant', resumeToken: seat.resumeToken };
}

/** An in-process server with helpers bound to its address. */
export interface TestServer {
  url: string;
  playfield: Playfield;
  dataDir: string;
  createSession(body?: Partial<CreateSessionBody>): Promise<CreatedSession>;
  join(code: string, name: string, deviceId?: string): Promise<JoinedSeat>;
  connect(credential: Credential, options?: ClientOptions): Promise<TestSocket>;
  connectRefused(
    auth: { protocolVersion: number; credential: unknown },
    options?: ClientOptions,
  ): Promise<ConnectError>;
  /** Rows in a table of the server's SQLite file, to prove bad input stored nothing. */
  countRows(table: 'sessions' | 'events' | 'participant_tokens'): number;
  /** Closes every socket this harness opened, then the server, then deletes its data. */
  close(): Promise<void>;
}

/** A real server in this process on one storage backend (see `startServerOn`). */
export interface BackendServer {
  /** 127.0.0.1, not the server's "localhost" URL, which may resolve to ::1 first. */
  url: string;
  playfield: Playfield;
  dataDir: string;
  /** null: SQLite, in the data directory. */
  databaseUrl: string | null;
  /** Stops the server, then removes its data (and its PostgreSQL database). */
  close(): Promise<void>;
}

/**
 * Starts the real server in this process on a free port over a fresh storage of `backend`
 * (SQLite, or PostgreSQL in a database of its own); `overrides` change the configuration.
 */
export async function startServerOn(
  backend: BackendName,
  overrides: Partial<ServerConfig> = {},
): Promise<BackendServer> {
  const storage = await openStorage(backend);
  const playfield = await startPlayfield({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir: storage.dataDir,
    databaseUrl: storage.databaseUrl,
    clientDir: null,
    isQuiet: true,
    allowedOrigins: [],
    ...overrides,
  });
  return {
    url: `http://127.0.0.1:${playfield.port}`,
    playfield,
    dataDir: storage.dataDir,
    databaseUrl: storage.databaseUrl,
    async close() {
      await playfield.close();
      await storage.cleanup();
    },
  };
}

/**
 * Starts the real server in this process on a free port with a fresh data directory.
 * Call `close()` in teardown: it is explicit so a failing test cannot leak a server.
 */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-test-'));
  const playfield = await startPlayfield({
    ...loadConfig({}),
    // Port 0: the OS picks a free port, so test files can run in parallel.
    port: 0,
    host: '127.0.0.1',
    dataDir,
    // API only: tests need no built client.
    clientDir: null,
    isQuiet: true,
    allowedOrigins: [],
  });
  // 127.0.0.1, not the server's "localhost" URL, which may resolve to ::1 first.
  const url = `http://127.0.0.1:${playfield.port}`;
  const sockets = new Set<TestSocket>();
  const track = (socket: TestSocket) => {
    sockets.add(socket);
    return socket;
  };
  return {
    url,
    playfield,
    dataDir,
    createSession: (body) => createSessionAt(url, body),
    join: (code, name, deviceId) => joinAt(url, code, name, deviceId),
    connect: async (credential, options) => track(await connectTo(url, credential, options)),
    connectRefused: (auth, options) => connectRefused(url, auth, options),
    countRows(table) {
      const db = new SQLite(path.join(dataDir, 'playfield.db'), { readonly: true });
      try {
        return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await playfield.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A server running as a child process, so a test can kill it the hard way. */
export interface ChildServer {
  url: string;
  port: number;
  /** SIGKILL: no shutdown hook runs, exactly like a crash or a pulled plug. */
  kill(): Promise<void>;
}

/** A child server that also reports whether it is still running and what it printed. */
export interface WatchedChildServer extends ChildServer {
  /** Everything the process printed on stdout and stderr so far (a crash's stack trace). */
  output(): string;
  /** True until the process exits, for whatever reason. */
  isRunning(): boolean;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns the server (see {@link childServerArgs}) as its own process on `dataDir`, and resolves once it prints
 * the address it listens on. `port` 0 picks a free port; pass the old port to bring a
 * server back where clients expect it.
 */
export async function startChildServer(dataDir: string, port = 0): Promise<ChildServer> {
  return startWatchedChildServer(dataDir, port);
}

let childArgs: string[] | null = null;

/**
 * How a child server is run: the built bundle (`server/dist/main.js`, as `npm start` runs it)
 * when it is newer than every server and shared source, since it starts in a fraction of the
 * time; otherwise the sources through tsx, so a test never runs stale code.
 */
export function childServerArgs(): string[] {
  if (childArgs) return childArgs;
  const bundle = path.join(ROOT, 'server/dist/main.js');
  const newestSource = Math.max(
    ...['server/src', 'shared/src'].flatMap((folder) =>
      fs
        .readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
    ),
  );
  const isFresh = fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newestSource;
  childArgs = isFresh
    ? ['--enable-source-maps', bundle]
    : ['--import', 'tsx', 'server/src/main.ts'];
  return childArgs;
}

/**
 * Like {@link startChildServer}, and the result also says whether the process is still
 * alive and what it printed: resilience tests observe a crash from outside with it.
 */
export async function startWatchedChildServer(
  dataDir: string,
  port = 0,
): Promise<WatchedChildServer> {
  const child: ChildProcess = spawn(process.execPath, childServerArgs(), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: '',
      PUBLIC_URL: '',
      QUIET: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let output = '';
  // Keep reading both streams for the child's whole life, so it never blocks on a full pipe.
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Playfield is running at http:\/\/localhost:(\d+)/.exec(output);
      if (match?.[1]) resolve(Number(match[1]));
    });
    child.once('exit', (code) =>
      reject(new Error(`Server exited (${code}) before listening:\n${output}`)),
    );
  });
  let childPort: number;
  try {
    childPort = await withTimeout(listening, 'the child server to listen', 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${childPort}`,
    port: childPort,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    output: () => output,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    exited,
  };
}

/** A fresh, empty data directory the caller removes with {@link removeDataDir}. */
export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-crash-'));
}

export function removeDataDir(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
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

/**
 * Child servers for crash tests, with a fresh data directory per call of `newDataDir`.
 * Each test kills its servers itself; the `afterEach` registered here only cleans up
 * after a failed one (sockets, processes, directories). Call it inside a `describe`.
 */
export function useChildServers() {
  const children: ChildServer[] = [];
  const sockets: TestSocket[] = [];
  const dataDirs: string[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(children.splice(0).map((child) => child.kill()));
    for (const dir of dataDirs.splice(0)) removeDataDir(dir);
  });
  return {
    newDataDir: (): string => {
      const dir = newDataDir();
      dataDirs.push(dir);
      return dir;
    },
    start: async (dataDir: string, port?: number): Promise<ChildServer> => {
      const child = await startChildServer(dataDir, port);
      children.push(child);
      return child;
    },
    /** Like `start`, with the process's liveness and output (see {@link WatchedChildServer}). */
    startWatched: async (dataDir: string, port?: number): Promise<WatchedChildServer> => {
      const child = await startWatchedChildServer(dataDir, port);
      children.push(child);
      return child;
    },
    connect: async (...args: Parameters<typeof connectTo>): Promise<TestSocket> => {
      const socket = await connectTo(...args);
      sockets.push(socket);
      return socket;
    },
  };
}
