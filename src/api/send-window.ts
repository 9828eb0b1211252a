// A hard ceiling under the limiter: never more than `limit` sends in any sliding window. Bottleneck's
// minTime spaces *planned* starts, and a late timer followed by an on-time one can squeeze
// limit+1 sends into one second; this gate measures the real send times instead.
export class SendWindow {
  private readonly times: Float64Array;
  private head = 0;
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.times = new Float64Array(Math.max(1, limit));
  }

  /** How long to wait before the next send would keep the window within the limit (0 = send now). */
  waitMs(): number {
    if (this.count < this.limit) return 0;
    const oldest = this.times[this.head]!;
    return Math.max(0, oldest + this.windowMs - this.now());
  }

  record(): void {
    this.times[this.head] = this.now();
    this.head = (this.head + 1) % this.times.length;
    if (this.count < this.limit) this.count++;
  }

  /** Waits for room, then records the send. Safe with many concurrent callers. */
  async acquire(): Promise<void> {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    }
    this.record();
  }
}
