// A hard ceiling under the limiter: never more than `limit` sends in any sliding window. The
// limiter's timeline spaces *planned* starts, and late timers followed by on-time ones can squeeze
// limit+1 sends into one window; this gate measures the real send times instead. A send is recorded
// when it starts and moved to the moment its bytes left, if later (a busy event loop or a new
// connection can hold a request back), so a request delayed on its way out still counts where the
// server will see it.
export class SendWindow {
  private readonly times: Float64Array;
  private head = 0;
  private count = 0;
  private sends = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    this.times = new Float64Array(Math.max(1, limit));
  }

  /** How long after `now` the next send may go and keep every window within the limit (0 = now). */
  waitMs(now: number): number {
    if (this.count < this.limit) return 0;
    const oldest = this.times[this.head]!;
    return Math.max(0, oldest + this.windowMs - now);
  }

  /** Records a send starting at `now` (a monotonic clock such as performance.now()); returns its ticket. */
  record(now: number): number {
    this.times[this.head] = now;
    this.head = (this.head + 1) % this.times.length;
    if (this.count < this.limit) this.count++;
    return this.sends++;
  }

  /** The send with this ticket left at `now`: it counts from then on, unless it already left the window. */
  left(ticket: number, now: number): void {
    if (this.sends - ticket > this.count) return;
    const at = ticket % this.times.length;
    if (now > this.times[at]!) this.times[at] = now;
  }
}
