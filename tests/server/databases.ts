/**
 * The storage backends a test runs on: SQLite always, PostgreSQL too when TEST_DATABASE_URL
 * points at a server. Each `open()` gives a fresh data directory and, on PostgreSQL, a fresh
 * database of its own; `cleanup()` removes both.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type BackendName = 'sqlite' | 'postgres';

export interface OpenedStorage {
  dataDir: string;
  /** null: SQLite, in the data directory. */
  databaseUrl: string | null;
  cleanup(): Promise<void>;
}

export interface StorageBackend {
  name: BackendName;
  open(): Promise<OpenedStorage>;
}

const adminUrl = process.env.TEST_DATABASE_URL;

async function adminQuery(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** A fresh data directory, and on PostgreSQL a fresh database beside it. */
export async function openStorage(backend: BackendName): Promise<OpenedStorage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-test-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (backend === 'sqlite' || !adminUrl)
    return { dataDir, databaseUrl: null, cleanup: () => Promise.resolve(removeDir()) };
  const name = `pf_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    async cleanup() {
      await adminQuery(`drop database if exists ${name} with (force)`);
      removeDir();
    },
  };
}

export const BACKEND_NAMES: BackendName[] = adminUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export const STORAGE_BACKENDS: StorageBackend[] = BACKEND_NAMES.map((name) => ({
  name,
  open: () => openStorage(name),
}));
