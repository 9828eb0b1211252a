// Rows finish out of order (coalescing, retries, parallel sends) but results.csv is in input
// order. This window holds rows between being read and being written, hands finished rows to
// the writer in order, and stops the reader while it is full: that is the read-ahead bound.
import type { RowResult } from '../rows/row-result.js';

/** `T` is what the writers need of the input row (its fields, its text as read). */
export interface WindowSink<T = readonly string[]> {
  /** Writes one finished row; returns false when the writer wants a pause. */
  write(row: T, result: RowResult): boolean;
  drained(): Promise<void>;
}

/** Rows read between two turns of the event loop, so answers and timers are not held up by read-ahead. */
const ROWS_PER_TURN = 256;

/** Who wants to know as rows come in and settle (the progress display): rows settle in any order. */
export interface WindowWatch {
  opened?(row: number): void;
  settled?(result: RowResult): void;
}

interface Slot<T> {
  /** Undefined for another shard's row. */
  input?: T;
  result?: RowResult;
  /** Another shard's row: written by no one here, it only keeps its place in the order. */
  skip?: boolean;
}

export class OrderedWindow<T = readonly string[]> {
  private readonly slots = new Map<number, Slot<T>>();
  private next = 1;
  private wakeReader?: () => void;
  private writerBlocked = false;
  private sinceTurn = 0;

  constructor(
    private readonly size: number,
    private readonly sink: WindowSink<T>,
    private readonly watch: WindowWatch = {},
  ) {}

  /** Resolves when the reader may read another row. */
  async room(): Promise<void> {
    // Reading ahead from a buffered file never waits on I/O; every so often let the loop run, so a
    // request due now leaves now and the rate limiter's timers fire on time.
    if (++this.sinceTurn >= ROWS_PER_TURN) {
      this.sinceTurn = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    while (this.slots.size >= this.size || this.writerBlocked) {
      if (this.writerBlocked) {
        await this.sink.drained();
        this.writerBlocked = false;
        this.flush();
      } else {
        await new Promise<void>((resolve) => (this.wakeReader = resolve));
      }
    }
  }

  open(row: number, input: T): void {
    this.slots.set(row, { input });
    this.watch.opened?.(row);
  }

  /** A row this process does not handle (--shard): nothing is written for it, and the rows after it do not wait. */
  skip(row: number): void {
    this.slots.set(row, { skip: true });
    if (row === this.next) this.flush();
  }

  finish(result: RowResult): void {
    const slot = this.slots.get(result.row);
    if (!slot || slot.result) throw new Error(`row ${result.row} finished twice or was never opened`);
    slot.result = result;
    this.watch.settled?.(result);
    if (result.row === this.next) this.flush();
  }

  get pending(): number {
    return this.slots.size;
  }

  private flush(): void {
    for (;;) {
      const slot = this.slots.get(this.next);
      if (!slot?.result && !slot?.skip) break;
      this.slots.delete(this.next);
      this.next++;
      if (slot.result && slot.input !== undefined && !this.sink.write(slot.input, slot.result)) this.writerBlocked = true;
    }
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }
}
