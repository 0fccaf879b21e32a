/**
 * A flushed Redis (FLUSHALL by mistake, a restart without persistence) loses every lease and
 * restarts the fencing counter at 1. The fence recorded in PostgreSQL is what survives it: a
 * lease drawn after the flush carries a fence no greater than the one on record, so its
 * claim is refused, and an old owner still writes nothing. Ownership moves again only once
 * the counter passes the recorded fence.
 *
 * The Redis here is a private redis-server on a Unix socket, so flushing it disturbs no other
 * test; PostgreSQL is TEST_DATABASE_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { EventEnvelope } from '@playfield/shared';
import { Fence } from '../../server/src/cluster/fence.ts';
import { Leases } from '../../server/src/cluster/lease.ts';
import { Repository } from '../../server/src/store/repository.ts';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';
const REDIS_SERVER = '/usr/bin/redis-server';
const canRun = DATABASE_URL.startsWith('postgres') && fs.existsSync(REDIS_SERVER);
if (!canRun) console.warn('fence flush test skipped: needs TEST_DATABASE_URL and redis-server');

const id = () => randomBytes(9).toString('base64url');
/** Long enough that no lease expires during the test: only the flush takes them away. */
const TTL_MS = 60_000;

const summary = (seq: number) => ({
  title: 'Flushed',
  phase: 'lobby',
  ended_at: null,
  participant_count: 0,
  round_count: 0,
  last_seq: seq,
});
const prompt = (seq: number, text: string): EventEnvelope =>
  ({ seq, at: seq, event: { type: 'session.prompted', text } }) as unknown as EventEnvelope;

describe.skipIf(!canRun)('the fence after a Redis flush', () => {
  let dir = '';
  let server: ChildProcess | null = null;
  let redis: Redis;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-redis-'));
    const socket = path.join(dir, 'redis.sock');
    const child = spawn(
      REDIS_SERVER,
      ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    server = child;
    // Connect once it says it is ready (it logs to stdout without a config file).
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/ready to accept connections/i.test(output)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    });
    redis = new Redis({ path: socket, lazyConnect: true });
    await redis.connect();
  });
  afterAll(async () => {
    for (const item of opened) await item.close();
    // Unset when beforeAll failed; afterAll runs anyway.
    if (redis as Redis | undefined) await redis.quit();
    server?.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function processNamed(name: string) {
    const leases = new Leases(redis, name, TTL_MS, () => undefined);
    const fence = new Fence(DATABASE_URL, name);
    const repository = await Repository.open({
      dataDir: '',
      databaseUrl: Fence.withApplicationName(DATABASE_URL, name),
    });
    opened.push(leases, fence, repository);
    return { leases, fence, repository };
  }

  it('refuses the claims of leases drawn after the flush until the counter passes the recorded fence, and every write of the old owner', async () => {
    const owner = await processNamed(`owner-${id()}`);
    const other = await processNamed(`other-${id()}`);
    const sessionId = id();
    const code = id().slice(0, 6).toUpperCase();
    await owner.repository.createSession(
      {
        id: sessionId,
        code,
        title: 'Flushed',
        facilitator_token_hash: 'x',
        screen_key_hash: 'y',
        phase: 'lobby',
        created_at: 1,
        ended_at: null,
        participant_count: 0,
        round_count: 0,
        last_seq: 1,
      },
      {
        seq: 1,
        at: 1,
        event: {
          type: 'session.created',
          sessionId,
          code,
          title: 'Flushed',
          seed: 'seed',
          agenda: [],
        },
      },
    );
    // The counter has moved on before the flush: the session changed hands a few times.
    for (let i = 0; i < 3; i++) {
      expect(await other.leases.acquire(sessionId)).not.toBeNull();
      await other.leases.release(sessionId);
    }
    const granted = await owner.leases.acquire(sessionId);
    expect(granted?.fence).toBe(4);
    expect(await owner.fence.claim(sessionId, 4)).toBe(true);
    await owner.repository.append(sessionId, [prompt(2, 'before the flush')], summary(2));

    await redis.flushall();
    expect(await redis.get(`playfield:fence:${sessionId}`)).toBeNull();

    // After the flush the counter starts again: the first leases carry fences 1 to 4, none
    // greater than the one on record, so PostgreSQL refuses every such claim.
    for (let expected = 1; expected <= 4; expected++) {
      const grant = await other.leases.acquire(sessionId);
      expect(grant?.fence).toBe(expected);
      expect(await other.fence.claim(sessionId, expected)).toBe(false);
      await other.leases.release(sessionId);
    }
    // The refused process never became the owner: its write is refused too.
    await expect(
      other.repository.append(sessionId, [prompt(3, 'refused claim')], summary(3)),
    ).rejects.toThrow(/owned by another process/);

    // The counter passes the recorded fence: the claim holds, and the old owner (whose
    // lease the flush took away) writes nothing more.
    const next = await other.leases.acquire(sessionId);
    expect(next?.fence).toBe(5);
    expect(await other.fence.claim(sessionId, 5)).toBe(true);
    await expect(
      owner.repository.append(sessionId, [prompt(3, 'old owner after the flush')], summary(3)),
    ).rejects.toThrow(/owned by another process/);
    expect(await owner.fence.claim(sessionId, 4)).toBe(false);
    await other.repository.append(sessionId, [prompt(3, 'new owner')], summary(3));

    const log = await other.repository.loadEvents(sessionId);
    expect(log.map((e) => [e.seq, (e.event as unknown as { text?: string }).text ?? null])).toEqual(
      [
        [1, null],
        [2, 'before the flush'],
        [3, 'new owner'],
      ],
    );
  });
});
