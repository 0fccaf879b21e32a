/**
 * Integration harness: the real server on a free port, real HTTP and real socket.io
 * clients. Tests await acks and views; nothing here sleeps for a fixed time. The sockets
 * (sockets.ts) and child servers (childServers.ts) are re-exported from here.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type CreateSessionBody,
  type CreatedSession,
  type JoinedSeat,
  type Credential,
} from '@playfield/shared';
import { loadConfig, startPlayfield, type Playfield, type ServerConfig } from '@playfield/server';
import { openStorage, type BackendName } from './databases.ts';
import {
  connectRefused,
  connectTo,
  type ClientOptions,
  type ConnectError,
  type TestSocket,
} from './sockets.ts';

export * from './sockets.ts';
export * from './childServers.ts';

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
