/** How long a quota window lasts. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Bytes each key (a network address) may store per day, kept in memory: imports and new
 * sessions are the ways an anonymous caller adds data, and without a bound one address
 * could fill the disk. A restart forgets the counts, which only ever gives more room.
 */
export class StorageQuota {
  private readonly used = new Map<string, { bytes: number; since: number }>();

  constructor(
    private readonly bytesPerDay: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Bytes `key` may still store today. */
  remaining(key: string): number {
    return Math.max(0, this.bytesPerDay - this.current(key).bytes);
  }

  /** Counts `bytes` against `key`'s quota; false (and nothing counted) when they do not fit. */
  charge(key: string, bytes: number): boolean {
    const entry = this.current(key);
    if (entry.bytes + bytes > this.bytesPerDay) return false;
    entry.bytes += bytes;
    this.used.set(key, entry);
    return true;
  }

  /** Gives bytes back (the write they were charged for did not happen). */
  refund(key: string, bytes: number): void {
    const entry = this.used.get(key);
    if (entry) entry.bytes = Math.max(0, entry.bytes - bytes);
  }

  private current(key: string): { bytes: number; since: number } {
    const at = this.now();
    const entry = this.used.get(key);
    if (entry && at - entry.since < DAY_MS) return entry;
    if (this.used.size > 50_000) {
      for (const [k, e] of this.used) if (at - e.since >= DAY_MS) this.used.delete(k);
    }
    return { bytes: 0, since: at };
  }
}
