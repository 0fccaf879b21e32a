/**
 * Token buckets by key. Keys are participant or facilitator identities, not IP
 * addresses: a whole room shares one office IP behind its NAT.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; false when the key is over its rate. */
  take(key: string, cost = 1): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond,
    );
    bucket.updatedAt = now;
    const allowed = bucket.tokens >= cost;
    if (allowed) bucket.tokens -= cost;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 50_000) this.prune(now);
    return allowed;
  }

  /** Would `key` be allowed now, without taking a token? */
  isLimited(key: string): boolean {
    const bucket = this.buckets.get(key);
    if (!bucket) return false;
    const tokens = Math.min(
      this.burst,
      bucket.tokens + ((this.now() - bucket.updatedAt) / 1000) * this.perSecond,
    );
    return tokens < 1;
  }

  /** Forgets full buckets, which behave exactly like absent ones. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond >= this.burst)
        this.buckets.delete(key);
    }
  }
}
