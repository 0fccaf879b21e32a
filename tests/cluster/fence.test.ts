/**
 * The lease and the fence, one piece at a time: two processes' leases in Redis, and their
 * writes to PostgreSQL through the real repository. An old owner whose lease was taken over
 * writes nothing, whatever order its writes arrive in.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { EventEnvelope } from '@playfield/shared';
import { Fence } from '../../server/src/cluster/fence.ts';
import { Leases } from '../../server/src/cluster/lease.ts';
import { Repository } from '../../server/src/store/repository.ts';
import { DATABASE_URL, hasServices, REDIS_URL, SKIP_REASON, until } from './clusterHarness.ts';

if (!hasServices) console.warn(SKIP_REASON);

const id = () => randomBytes(9).toString('base64url');

function created(sessionId: string): EventEnvelope {
  return {
    seq: 1,
    at: 1,
    event: {
      type: 'session.created',
      sessionId,
      code: id().slice(0, 6).toUpperCase(),
      title: 'Fenced',
      seed: 'seed',
      agenda: [],
    },
  };
}

const summary = (seq: number) => ({
  title: 'Fenced',
  phase: 'lobby',
  ended_at: null,
  participant_count: 0,
  round_count: 0,
  last_seq: seq,
});

const prompt = (seq: number, text: string): EventEnvelope =>
  ({ seq, at: seq, event: { type: 'session.prompted', text } }) as unknown as EventEnvelope;

describe.skipIf(!hasServices)('leases in Redis', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('gives a lease to one process at a time, with a greater fence each time it changes hands', async () => {
    const item = `test:${id()}`;
    const lost: string[] = [];
    const first = new Leases(redis, 'first', 300, (lostItem) => lost.push(lostItem));
    const second = new Leases(redis, 'second', 300, () => undefined);
    try {
      const granted = await first.acquire(item);
      expect(granted?.fence).toBeGreaterThan(0);
      expect(await second.acquire(item)).toBeNull();
      expect(await second.holder(item)).toBe('first');
      // Renewed while held: still refused a full life later.
      await until('a renewal', async () => (await redis.pttl(`playfield:lease:${item}`)) > 250);
      expect(await second.acquire(item)).toBeNull();

      // The first one freezes (no renewal): its lease runs out and the second takes it.
      first.pause();
      await until('the lease to expire', async () => (await second.holder(item)) === null, 3000);
      const taken = await second.acquire(item);
      expect(taken?.fence).toBe((granted?.fence ?? 0) + 1);

      // Given up on close: at once free for anyone.
      await second.close();
      expect(await second.holder(item)).toBeNull();
      expect(lost).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('tells the owner when its lease was taken from it', async () => {
    const item = `test:${id()}`;
    const lost: string[] = [];
    const owner = new Leases(redis, 'owner', 300, (lostItem) => lost.push(lostItem));
    try {
      await owner.acquire(item);
      // Someone else's value in its place (as after an expiry and a takeover).
      await redis.set(`playfield:lease:${item}`, 'other token', 'PX', 5000);
      await until('the loss to be noticed', () => Promise.resolve(lost.length > 0), 3000);
      expect(lost).toEqual([item]);
      expect(owner.grant(item)).toBeNull();
    } finally {
      await owner.close();
      await redis.del(`playfield:lease:${item}`);
    }
  });
});

describe.skipIf(!hasServices)('the fence in PostgreSQL', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const item of opened) await item.close();
  });

  async function processNamed(name: string) {
    const fence = new Fence(DATABASE_URL, name);
    const repository = await Repository.open({
      dataDir: '',
      databaseUrl: Fence.withApplicationName(DATABASE_URL, name),
    });
    opened.push(fence, repository);
    return { fence, repository };
  }

  it("refuses every write of an old owner once a newer one claimed the session, and keeps the new owner's", async () => {
    const old = await processNamed(`old-${id()}`);
    const heir = await processNamed(`heir-${id()}`);
    const sessionId = id();
    const first = created(sessionId);
    const event = first.event as { code: string };
    // A new session (nobody owns it yet) is stored by whoever creates it.
    await old.repository.createSession(
      {
        id: sessionId,
        code: event.code,
        title: 'Fenced',
        facilitator_token_hash: 'x',
        screen_key_hash: 'y',
        phase: 'lobby',
        created_at: 1,
        ended_at: null,
        participant_count: 0,
        round_count: 0,
        last_seq: 1,
      },
      first,
    );
    expect(await old.fence.claim(sessionId, 7)).toBe(true);
    await old.repository.append(sessionId, [prompt(2, 'by the old owner')], summary(2));

    // The old owner is paused; the heir's lease has the next fence and claims the session.
    expect(await heir.fence.claim(sessionId, 8)).toBe(true);
    // The old owner wakes: its next event, its snapshot, nothing is stored.
    await expect(
      old.repository.append(sessionId, [prompt(3, 'stale')], summary(3)),
    ).rejects.toThrow(/owned by another process/);
    // Nor can it take the session back with its old fence.
    expect(await old.fence.claim(sessionId, 7)).toBe(false);
    await heir.repository.append(sessionId, [prompt(3, 'by the heir')], summary(3));
    const log = await heir.repository.loadEvents(sessionId);
    expect(log.map((e) => [e.seq, (e.event as unknown as { text?: string }).text ?? null])).toEqual(
      [
        [1, null],
        [2, 'by the old owner'],
        [3, 'by the heir'],
      ],
    );
    // Another's claim raises the fence; the same owner claiming its own fence again is fine.
    expect(await heir.fence.claim(sessionId, 8)).toBe(true);
  });
});
