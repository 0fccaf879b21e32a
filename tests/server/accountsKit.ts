/**
 * Helpers for the accounts' tests: a real server (SQLite, or PostgreSQL in a fresh
 * database when TEST_DATABASE_URL is set) that trusts X-Forwarded-For so a test can act
 * from several addresses, and a tiny cookie jar per "browser".
 */
import type { StorageBackend } from './databases.ts';
import { startServerOn, type BackendServer } from './harness.ts';

export { STORAGE_BACKENDS as backends } from './databases.ts';

export type AccountsServer = BackendServer;

/** The real server on a free port, on the backend's database. */
export function startAccountsServer(backend: StorageBackend): Promise<AccountsServer> {
  // So tests can stand for several addresses with X-Forwarded-For.
  return startServerOn(backend.name, { trustProxy: true });
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
