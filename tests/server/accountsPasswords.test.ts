/**
 * Password hashing (scrypt, N = 2^15, salted per password, timing-safe) and the sign-in
 * limiter's waits: doubling from 2 s, capped at 5 minutes, per account and address.
 */
import { describe, expect, it } from 'vitest';
import {
  PRODUCTION_COST_LOG2,
  hashPassword,
  scryptCostLog2,
  verifyDummy,
  verifyPassword,
} from '../../server/src/accounts/passwords.ts';
import { SignInLimiter } from '../../server/src/accounts/signInLimiter.ts';

describe('password hashing', () => {
  it('stores scrypt with N >= 2^15 and a salt of its own, and checks the password', async () => {
    // At the production cost, whatever this run's tests use (see the next test).
    const [a, b] = await Promise.all([
      hashPassword('tea and biscuits', PRODUCTION_COST_LOG2),
      hashPassword('tea and biscuits', PRODUCTION_COST_LOG2),
    ]);
    const [scheme, cost, r, p, salt, key] = a.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(cost)).toBeGreaterThanOrEqual(15);
    expect([Number(r), Number(p)]).toEqual([8, 1]);
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(a).not.toContain('tea');
    expect(await verifyPassword('tea and biscuits', a)).toBe(true);
    expect(await verifyPassword('tea and biscuit', a)).toBe(false);
    expect(await verifyDummy('tea and biscuits')).toBe(false);
  });

  it('hashes at N = 2^15 everywhere but a Vitest run that asks for less', () => {
    const lowered = { PLAYFIELD_TEST_SCRYPT_COST_LOG2: '10' };
    expect(PRODUCTION_COST_LOG2).toBe(15);
    expect(scryptCostLog2({})).toBe(15);
    expect(scryptCostLog2(lowered)).toBe(15);
    expect(scryptCostLog2({ ...lowered, VITEST: 'true', NODE_ENV: 'production' })).toBe(15);
    expect(scryptCostLog2({ ...lowered, VITEST: 'true' })).toBe(10);
    // Never below 2^10, never a cost that is not a whole power.
    expect(scryptCostLog2({ PLAYFIELD_TEST_SCRYPT_COST_LOG2: '4', VITEST: 'true' })).toBe(15);
    expect(scryptCostLog2({ PLAYFIELD_TEST_SCRYPT_COST_LOG2: '12.5', VITEST: 'true' })).toBe(15);
  });

  it('never matches a malformed or tampered stored hash', async () => {
    const good = await hashPassword('pass phrase');
    const parts = good.split('$');
    expect(await verifyPassword('pass phrase', '')).toBe(false);
    expect(await verifyPassword('pass phrase', 'bcrypt$x')).toBe(false);
    // A cost that would ask for gigabytes is refused before any work.
    expect(await verifyPassword('pass phrase', ['scrypt', '30', ...parts.slice(2)].join('$'))).toBe(
      false,
    );
    expect(await verifyPassword('pass phrase', [...parts.slice(0, 5), 'AAAA'].join('$'))).toBe(
      false,
    );
  });
});

describe('sign-in limiter', () => {
  it('waits after five failures in a row, doubling up to five minutes, then forgets on success', () => {
    let now = 0;
    const limiter = new SignInLimiter(30, 1_000, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      now += limiter.waitFor('a@example.com', '1.1.1.1');
      limiter.failed('a@example.com', '1.1.1.1');
      waits.push(limiter.waitFor('a@example.com', '1.1.1.1'));
    }
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5, 9)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(Math.max(...waits)).toBe(5 * 60_000);
    // Another address, or another account, is not held up.
    expect(limiter.waitFor('a@example.com', '2.2.2.2')).toBe(0);
    expect(limiter.waitFor('b@example.com', '1.1.1.1')).toBe(0);
    now += 5 * 60_000;
    limiter.succeeded('a@example.com', '1.1.1.1');
    expect(limiter.waitFor('a@example.com', '1.1.1.1')).toBe(0);
  });

  it('bounds guessing spread over many addresses, but not the address the owner signs in from', () => {
    let now = 0;
    const limiter = new SignInLimiter(30, 2, () => now);
    limiter.succeeded('a@example.com', 'home');
    const refused = Array.from({ length: 20 }, (_, i) =>
      limiter.waitFor('a@example.com', `bot${i}`),
    );
    // A burst of 5x the per-minute rate, then a minute's wait each.
    expect(refused.filter((w) => w === 0)).toHaveLength(10);
    expect(refused.at(-1)).toBe(60_000);
    expect(limiter.waitFor('a@example.com', 'home')).toBe(0);
    now += 60_000;
    expect(limiter.waitFor('a@example.com', 'bot99')).toBe(0);
  });
});
