// Tracks the most arrivals seen within any sliding window (1 s for the sandbox). A ring of
// timestamps holds only the arrivals still inside the window, so memory follows the peak rate,
// not the length of the run.

export class SlidingWindowPeak {
  #times = new Float64Array(1024);
  #head = 0;
  #size = 0;
  #peak = 0;

  constructor(readonly spanMs: number) {}

  record(nowMs: number): void {
    const cutoff = nowMs - this.spanMs;
    while (this.#size > 0 && (this.#times[this.#head] ?? Infinity) <= cutoff) {
      this.#head = (this.#head + 1) % this.#times.length;
      this.#size -= 1;
    }
    if (this.#size === this.#times.length) this.#grow();
    this.#times[(this.#head + this.#size) % this.#times.length] = nowMs;
    this.#size += 1;
    if (this.#size > this.#peak) this.#peak = this.#size;
  }

  get peak(): number {
    return this.#peak;
  }

  clear(): void {
    this.#head = 0;
    this.#size = 0;
    this.#peak = 0;
  }

  #grow(): void {
    const bigger = new Float64Array(this.#times.length * 2);
    for (let i = 0; i < this.#size; i += 1) bigger[i] = this.#times[(this.#head + i) % this.#times.length] ?? 0;
    this.#times = bigger;
    this.#head = 0;
  }
}
