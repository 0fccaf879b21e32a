import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, built into Node): N = 2^15, r = 8, p = 1,
 * 32 MiB per hash (OWASP's minimum for scrypt is N = 2^17 with r = 8 on servers that can
 * afford 128 MiB; 2^15 keeps a laptop responsive under a burst of sign-ins while staying
 * memory-hard), a 16-byte salt per password, and the parameters stored with the hash so
 * they can be raised later without breaking old hashes.
 */
export const PRODUCTION_COST_LOG2 = 15;

/**
 * The cost hashes are made with. Production always uses {@link PRODUCTION_COST_LOG2}; only a
 * Vitest run (VITEST set) may lower it with PLAYFIELD_TEST_SCRYPT_COST_LOG2 (10 to 15): the
 * test projects set 10, a 32nd of the work, since a run signs up and in hundreds of times.
 * Stored hashes carry their cost, so a lowered one still verifies the same way.
 */
export function scryptCostLog2(env: NodeJS.ProcessEnv = process.env): number {
  const lowered = Number(env.PLAYFIELD_TEST_SCRYPT_COST_LOG2);
  const isTestRun = env.VITEST !== undefined && env.NODE_ENV !== 'production';
  return isTestRun && Number.isInteger(lowered) && lowered >= 10 && lowered < PRODUCTION_COST_LOG2
    ? lowered
    : PRODUCTION_COST_LOG2;
}

const COST_LOG2 = scryptCostLog2();
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

const optionsFor = (costLog2: number, r: number, p: number): ScryptOptions => ({
  N: 2 ** costLog2,
  r,
  p,
  // scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is just short of that.
  maxmem: 256 * 2 ** costLog2 * r,
});

/** `scrypt$<log2 N>$<r>$<p>$<salt>$<key>`, salt and key base64url. */
export async function hashPassword(password: string, costLog2 = COST_LOG2): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, optionsFor(costLog2, BLOCK_SIZE, PARALLELISM));
  return [
    'scrypt',
    costLog2,
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** Does `password` match `stored`? Timing-safe; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !r || !p || !salt || !key) return false;
  const [costLog2, block, parallel] = [Number(cost), Number(r), Number(p)];
  // Bounds, so a tampered row cannot ask for gigabytes.
  if (!(costLog2 >= 10 && costLog2 <= 20 && block >= 1 && block <= 16 && parallel === 1))
    return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    optionsFor(costLog2, block, parallel),
  );
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let dummy: Promise<string> | null = null;

/**
 * Spends the time of one real verification when there is no account to check, so a
 * sign-in for an unknown address takes as long as one with a wrong password.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword('playfield-no-such-account');
  await verifyPassword(password, await dummy);
  return false;
}
