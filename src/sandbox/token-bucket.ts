// Per-key token buckets for the simulated rate limit. Refilled lazily on each take, so an idle
// key costs nothing and no timer runs.

interface Bucket {
  tokens: number;
  atMs: number;
}

/** A client cycling through random keys must not grow the map without end. */
const MAX_KEYS = 10_000;

export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
  ) {}

  /** Takes one token for `key`; returns 0 when granted, else the milliseconds until one is available. */
  take(key: string, nowMs: number): number {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      if (this.#buckets.size >= MAX_KEYS) this.#buckets.clear();
      bucket = { tokens: this.burst, atMs: nowMs };
      this.#buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((nowMs - bucket.atMs) * this.ratePerSecond) / 1000);
      bucket.atMs = nowMs;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return ((1 - bucket.tokens) * 1000) / this.ratePerSecond;
  }

  clear(): void {
    this.#buckets.clear();
  }
}
