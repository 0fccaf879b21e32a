/**
 * Helpers for the accounts' tests: a real server (SQLite, or PostgreSQL in a fresh
 * database when TEST_DATABASE_URL is set) that trusts X-Forwarded-For so a test can act
 * from several addresses, and a tiny cookie jar per "browser".
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, startPlayfield, type Playfield } from '@playfield/server';

export interface Backend {
  name: string;
  /** A database for one server: its URL (null: SQLite) and how to drop it. */
  open(): Promise<{ url: string | null; cleanup(): Promise<void> }>;
}

const adminUrl = process.env.TEST_DATABASE_URL;

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const backends: Backend[] = [
  { name: 'sqlite', open: () => Promise.resolve({ url: null, cleanup: () => Promise.resolve() }) },
];
if (adminUrl) {
  backends.push({
    name: 'postgres',
    async open() {
      const name = `pf_acc_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        async cleanup() {
          const client = new pg.Client({ connectionString: adminUrl });
          await client.connect();
          await client.query(`drop database if exists ${name} with (force)`);
          await client.end();
        },
      };
    },
  });
}

export interface AccountsServer {
  url: string;
  playfield: Playfield;
  dataDir: string;
  databaseUrl: string | null;
  close(): Promise<void>;
}

/** The real server on a free port, on the backend's database. */
export async function startAccountsServer(backend: Backend): Promise<AccountsServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-accounts-'));
  const database = await backend.open();
  const playfield = await startPlayfield({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: database.url,
    clientDir: null,
    isQuiet: true,
    allowedOrigins: [],
    // So tests can stand for several addresses with X-Forwarded-For.
    trustProxy: true,
  });
  return {
    url: `http://127.0.0.1:${playfield.port}`,
    playfield,
    dataDir,
    databaseUrl: database.url,
    async close() {
      await playfield.close();
      await database.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

/** One browser: keeps the session cookie it is given and its CSRF token. */
export class Browser {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(
    private readonly url: string,
    readonly address = '203.0.113.1',
  ) {}

  async request(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(`${this.url}/api${route}`, {
      method,
      headers: {
        'x-forwarded-for': this.address,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: `pf_account=${this.cookie}` } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: assertions show the text.
    }
    const set = response.headers.getSetCookie().find((c) => c.startsWith('pf_account='));
    if (set !== undefined) {
      const value = /^pf_account=([^;]*)/.exec(set)?.[1] ?? '';
      this.cookie = value === '' ? null : value;
    }
    const csrf = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof csrf === 'string') this.csrf = csrf;
    return { status: response.status, body: parsed, headers: response.headers };
  }

  post(route: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request('POST', route, body, headers);
  }

  get(route: string): Promise<Reply> {
    return this.request('GET', route);
  }

  /** Signs up then in; fails the test when either is refused. */
  async signUpAndIn(email: string, password: string): Promise<void> {
    const up = await this.post('/account/signup', { email, password });
    if (up.status !== 202) throw new Error(`signup: ${up.status} ${JSON.stringify(up.body)}`);
    const signIn = await this.post('/account/signin', { email, password });
    if (signIn.status !== 200)
      throw new Error(`signin: ${signIn.status} ${JSON.stringify(signIn.body)}`);
  }
}
