import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import type { CreatedSession, CreateSessionBody } from '@playfield/shared';
import { startPlayfield, type Playfield } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { LifecycleStore } from '../../server/src/lifecycle/repository.ts';
import { connectTo, createSessionAt, joinAt, type TestSocket } from './harness.ts';
import type { Credential } from '@playfield/shared';

/**
 * The lifecycle tests run on every backend: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL points at a server (each run in a fresh database of its own).
 */
const adminUrl = process.env.TEST_DATABASE_URL;

export const BACKENDS: ('sqlite' | 'postgres')[] = adminUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/** A real server on a free port over one backend, with the row counter of the lifecycle store. */
export interface LifecycleServer {
  url: string;
  playfield: Playfield;
  store: LifecycleStore;
  createSession(body?: Partial<CreateSessionBody>): Promise<CreatedSession>;
  join(code: string, name: string): ReturnType<typeof joinAt>;
  connect(credential: Credential): Promise<TestSocket>;
  close(): Promise<void>;
}

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pf_life_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl ?? '');
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Starts the real server in this process on `backend`; `close()` removes its data. */
export async function startLifecycleServer(
  backend: 'sqlite' | 'postgres',
): Promise<LifecycleServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-life-'));
  const database = backend === 'postgres' ? await freshDatabase() : null;
  const playfield = await startPlayfield({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: database?.url ?? null,
    clientDir: null,
    isQuiet: true,
    allowedOrigins: [],
  });
  const url = `http://127.0.0.1:${playfield.port}`;
  const sockets = new Set<TestSocket>();
  return {
    url,
    playfield,
    store: new LifecycleStore(playfield.manager.repository),
    createSession: (body) => createSessionAt(url, body),
    join: (code, name) => joinAt(url, code, name),
    async connect(credential) {
      const socket = await connectTo(url, credential);
      sockets.add(socket);
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await playfield.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small PNG, as a facilitator would upload for a slide. */
export function png(): Promise<Buffer> {
  return sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 31, g: 90, b: 160 } },
  })
    .png()
    .toBuffer();
}

/** `Authorization: Bearer …` */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
