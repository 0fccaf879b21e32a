import { RateLimiter } from '../security/rateLimiter.ts';

/** After this many failures in a row for one account from one address, waits begin. */
const FREE_FAILURES = 5;
/** The first wait, doubled at each further failure, capped at {@link MAX_WAIT_MS}. */
const FIRST_WAIT_MS = 2_000;
const MAX_WAIT_MS = 5 * 60_000;
/** A streak of failures is forgotten after this long without one. */
const FORGET_MS = 30 * 60_000;

interface Streak {
  failures: number;
  lockedUntil: number;
  lastAt: number;
}

/**
 * Limits password guessing without handing an attacker a way to lock a real user out:
 * - per address, every credential request (sign-in, sign-up, reset) takes a token
 *   (`perAddressPerMinute`, a burst of as many);
 * - per account AND address, failures in a row lead to waits that double from 2 s up to
 *   5 minutes at most: someone guessing from their address is slowed to a crawl, while
 *   the real user at another address is untouched, and never waits more than 5 minutes;
 * - per account from addresses that never signed in to it, a bucket of
 *   `perAccountPerMinute` (burst 5x) bounds guessing spread over many addresses; an
 *   address that has signed in to the account before skips it, so that flood cannot
 *   lock its owner out either.
 * In memory, per process: a restart forgets streaks (they are minutes long anyway).
 */
export class SignInLimiter {
  private readonly addresses: RateLimiter;
  private readonly accounts: RateLimiter;
  private readonly streaks = new Map<string, Streak>();
  private readonly trusted = new Set<string>();

  constructor(
    perAddressPerMinute: number,
    perAccountPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.addresses = new RateLimiter(perAddressPerMinute / 60, perAddressPerMinute, now);
    this.accounts = new RateLimiter(perAccountPerMinute / 60, perAccountPerMinute * 5, now);
  }

  /** Takes a token for a credential request from `address`; false when over the rate. */
  takeAddress(address: string): boolean {
    return this.addresses.take(address);
  }

  /**
   * May `address` try a password for `email` now? Returns the milliseconds to wait, or 0.
   * Checked before hashing, so a locked pair costs the server nothing.
   */
  waitFor(email: string, address: string): number {
    const pair = `${email}\n${address}`;
    const streak = this.streaks.get(pair);
    const now = this.now();
    if (streak && streak.lockedUntil > now) return streak.lockedUntil - now;
    if (!this.trusted.has(pair) && !this.accounts.take(email)) return 60_000;
    return 0;
  }

  /** Records a failed password for `email` from `address`. */
  failed(email: string, address: string): void {
    const pair = `${email}\n${address}`;
    const now = this.now();
    const previous = this.streaks.get(pair);
    const failures = previous && now - previous.lastAt < FORGET_MS ? previous.failures + 1 : 1;
    const wait =
      failures > FREE_FAILURES
        ? Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(20, failures - FREE_FAILURES - 1))
        : 0;
    this.streaks.set(pair, { failures, lockedUntil: now + wait, lastAt: now });
    if (this.streaks.size > 50_000) this.prune(now);
  }

  /** A successful sign-in clears the pair's streak and trusts the address for the account. */
  succeeded(email: string, address: string): void {
    const pair = `${email}\n${address}`;
    this.streaks.delete(pair);
    if (this.trusted.size > 50_000) this.trusted.clear();
    this.trusted.add(pair);
  }

  private prune(now: number): void {
    for (const [pair, streak] of this.streaks) {
      if (now - streak.lastAt >= FORGET_MS && streak.lockedUntil <= now) this.streaks.delete(pair);
    }
  }
}
