import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { guardedInterval, reportFault } from '../faults/faults.ts';

/**
 * Takes the lease when nobody holds it, and only then draws the next fencing number, in one
 * step on the Redis server: a lease is never held without a fence greater than every earlier
 * holder's.
 */
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0`;
/** Extends the lease only while it is still ours (same random value). */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;
/** Gives the lease up only while it is still ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

interface Held {
  value: string;
  fence: number;
  /** Until when we may believe we hold it: the expiry the last successful renewal set. */
  validUntil: number;
}

/** A lease this process holds: its fencing number. */
export interface Grant {
  fence: number;
}

const leaseKey = (item: string) => `playfield:lease:${item}`;
const fenceKey = (item: string) => `playfield:fence:${item}`;

/**
 * Leases in Redis, one per live item (a session, a document): `SET NX PX` with a random
 * value naming this process, renewed at a third of their life by one guarded interval, and
 * given up on shutdown. A lease that could not be renewed before it expired is lost: the
 * owner is told at once so it stops serving the item.
 */
export class Leases {
  private readonly held = new Map<string, Held>();
  private readonly timer: NodeJS.Timeout;
  private renewing = false;

  constructor(
    private readonly redis: Redis,
    /** Who we are: the first word of every lease value. */
    readonly processId: string,
    readonly ttlMs: number,
    private readonly onLost: (item: string) => void,
  ) {
    this.timer = guardedInterval('cluster: renew leases', () => this.renew(), ttlMs / 3);
  }

  /** Our grant if we hold the item's lease now, else null. */
  grant(item: string): Grant | null {
    const held = this.held.get(item);
    return held ? { fence: held.fence } : null;
  }

  /** Takes the item's lease if nobody holds it: our fence, or null when another has it. */
  async acquire(item: string): Promise<Grant | null> {
    const mine = this.grant(item);
    if (mine) return mine;
    const value = `${this.processId} ${randomBytes(12).toString('base64url')}`;
    const startedAt = Date.now();
    const fence = Number(
      await this.redis.eval(ACQUIRE, 2, leaseKey(item), fenceKey(item), value, this.ttlMs),
    );
    if (!fence) return null;
    this.held.set(item, { value, fence, validUntil: startedAt + this.ttlMs });
    return { fence };
  }

  /** The process holding the item's lease, or null when nobody does. */
  async holder(item: string): Promise<string | null> {
    const value = await this.redis.get(leaseKey(item));
    return value ? (value.split(' ')[0] ?? null) : null;
  }

  /** The holders of several items at once (one round trip). */
  async holders(items: readonly string[]): Promise<(string | null)[]> {
    if (items.length === 0) return [];
    const values = await this.redis.mget(items.map(leaseKey));
    return values.map((value) => (value ? (value.split(' ')[0] ?? null) : null));
  }

  /** Gives the lease up (if still ours), so another process can take the item at once. */
  async release(item: string): Promise<void> {
    const held = this.held.get(item);
    if (!held) return;
    this.held.delete(item);
    await this.redis.eval(RELEASE, 1, leaseKey(item), held.value);
  }

  /** Forgets a lease without telling Redis: it expires on its own (tests of a paused owner). */
  abandon(item: string): void {
    this.held.delete(item);
  }

  /** Stops renewing every lease at once, as a process frozen by the OS would (tests). */
  pause(): void {
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    try {
      const items = [...this.held.keys()];
      const sentAt = Date.now();
      const pipeline = this.redis.pipeline();
      for (const item of items)
        pipeline.eval(RENEW, 1, leaseKey(item), this.held.get(item)?.value ?? '', this.ttlMs);
      const replies = (await pipeline.exec()) ?? [];
      items.forEach((item, i) => {
        const held = this.held.get(item);
        if (!held) return;
        const [error, renewed] = replies[i] ?? [new Error('no reply'), 0];
        if (!error && Number(renewed) === 1) held.validUntil = sentAt + this.ttlMs;
        else this.lose(item);
      });
    } catch (error) {
      // Redis unreachable: keep what has not expired yet, lose what has.
      reportFault('cluster: renew leases', error);
      const now = Date.now();
      for (const [item, held] of this.held) if (held.validUntil <= now) this.lose(item);
    } finally {
      this.renewing = false;
    }
  }

  private lose(item: string): void {
    this.held.delete(item);
    this.onLost(item);
  }

  /** Gives every lease up; the interval stops. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const items = [...this.held.keys()];
    await Promise.all(items.map((item) => this.release(item).catch(() => undefined)));
  }
}
