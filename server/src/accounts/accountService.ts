import type { AppError, Result } from '@playfield/shared';
import { hashToken, newId, newToken } from '../security/tokens.ts';
import type { AccountRepository, AccountRow, AccountSessionRow } from './accountRepository.ts';
import { hashPassword, verifyDummy, verifyPassword } from './passwords.ts';
import type { SignInLimiter } from './signInLimiter.ts';

/** A signed-in browser is signed out after this long without a request… */
export const IDLE_MS = 7 * 24 * 3_600_000;
/** …and after this long in any case: then it signs in again. */
export const ABSOLUTE_MS = 30 * 24 * 3_600_000;
/** A reset link works once, within this time. */
export const RESET_MS = 60 * 60_000;
/** The session's last use is written at most this often, not on every request. */
const TOUCH_MS = 60_000;

/** The cookie's value and the CSRF token of a new session. Only the id's hash is stored. */
export interface NewAccountSession {
  cookieToken: string;
  csrfToken: string;
}

/** A request's signed-in account, from its cookie. */
export interface Authenticated {
  account: AccountRow;
  session: AccountSessionRow;
}

const wrongCredentials: AppError = {
  code: 'UNAUTHORIZED',
  message: 'That email and password do not match an account',
};

/** Accounts: passwords, signed-in sessions and resets. HTTP stays in router.ts. */
export class AccountService {
  constructor(
    readonly repository: AccountRepository,
    private readonly limiter: SignInLimiter,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Creates an account if the email is free. The answer is the same either way (no one
   * learns whether an address has an account), and so is the work: one hash each time.
   */
  async signUp(email: string, password: string): Promise<void> {
    const hash = await hashPassword(password);
    await this.repository.createAccount({
      id: newId(),
      email,
      password_hash: hash,
      created_at: this.now(),
    });
  }

  /** Checks a password, limited per address and per account with the address. */
  async signIn(
    email: string,
    password: string,
    address: string,
  ): Promise<Result<{ account: AccountRow; session: NewAccountSession }>> {
    const wait = this.limiter.waitFor(email, address);
    if (wait > 0) return tooMany(wait);
    const account = await this.repository.getAccountByEmail(email);
    const isMatch = account?.password_hash
      ? await verifyPassword(password, account.password_hash)
      : await verifyDummy(password);
    if (!account || !isMatch) {
      this.limiter.failed(email, address);
      return { ok: false, error: wrongCredentials };
    }
    this.limiter.succeeded(email, address);
    return { ok: true, data: { account, session: await this.startSession(account.id) } };
  }

  /** A new session with a fresh random id: never one the browser brought (no fixation). */
  async startSession(accountId: string): Promise<NewAccountSession> {
    const cookieToken = newToken();
    const csrfToken = newToken();
    const at = this.now();
    await this.repository.createSession({
      id_hash: hashToken(cookieToken),
      account_id: accountId,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
    });
    return { cookieToken, csrfToken };
  }

  /** The account a cookie signs in, or null (unknown, idle too long, or too old). */
  async authenticate(cookieToken: string): Promise<Authenticated | null> {
    const idHash = hashToken(cookieToken);
    const session = await this.repository.getSession(idHash);
    if (!session) return null;
    const now = this.now();
    if (now - session.last_seen_at > IDLE_MS || now - session.created_at > ABSOLUTE_MS) {
      await this.repository.deleteSession(idHash);
      return null;
    }
    const account = await this.repository.getAccount(session.account_id);
    if (!account) return null;
    if (now - session.last_seen_at > TOUCH_MS) await this.repository.touchSession(idHash, now);
    return { account, session };
  }

  async signOut(session: AccountSessionRow): Promise<void> {
    await this.repository.deleteSession(session.id_hash);
  }

  async signOutEverywhere(accountId: string): Promise<void> {
    await this.repository.deleteSessionsOf(accountId);
  }

  /** Changes the password; every other browser signed in to the account is signed out. */
  async changePassword(
    who: Authenticated,
    current: string,
    next: string,
    address: string,
  ): Promise<Result<null>> {
    const { account, session } = who;
    const wait = this.limiter.waitFor(account.email, address);
    if (wait > 0) return tooMany(wait);
    if (account.password_hash && !(await verifyPassword(current, account.password_hash))) {
      this.limiter.failed(account.email, address);
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'The current password is not right' },
      };
    }
    await this.repository.setPassword(account.id, await hashPassword(next), session.id_hash);
    return { ok: true, data: null };
  }

  /** A one-time reset token for an account, or null when there is no such account. */
  async createReset(email: string): Promise<string | null> {
    const account = await this.repository.getAccountByEmail(email);
    if (!account) return null;
    const token = newToken();
    await this.repository.createReset({
      token_hash: hashToken(token),
      account_id: account.id,
      expires_at: this.now() + RESET_MS,
      used_at: null,
    });
    return token;
  }

  /** Sets a new password from a reset token, once; every session of the account ends. */
  async resetPassword(token: string, password: string): Promise<Result<null>> {
    const hash = await hashPassword(password);
    const accountId = await this.repository.useReset(hashToken(token), hash, this.now());
    return accountId
      ? { ok: true, data: null }
      : {
          ok: false,
          error: {
            code: 'NOT_FOUND',
            message: 'This reset link has expired or was used already: ask for a new one',
          },
        };
  }
}

function tooMany(waitMs: number): Result<never> {
  const seconds = Math.ceil(waitMs / 1000);
  return {
    ok: false,
    error: {
      code: 'RATE_LIMITED',
      message: `Too many tries: wait ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`} and try again`,
    },
  };
}
