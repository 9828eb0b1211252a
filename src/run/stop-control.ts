// The one place a run's stop is decided and announced. Anything may ask for a stop (a signal, the
// run guard, a failing output, a server asking for a wait too long); the first reason wins, and
// everything that waits (reading the input, the window, the grace time) races the `stopped`
// promise, so no stop waits on a slow file, a slow answer or a long pause.
import type { StopReason } from '../output/summary.js';

export interface StopInfo {
  reason: StopReason;
  /** One sentence for the person reading the report, when the reason alone does not say enough. */
  detail?: string;
}

/** Resolved value of `race()` when the stop came first. */
export const STOPPED: unique symbol = Symbol('stopped');

/** Stops that leave no time to read on: the person asked to stop now, or nothing can be written. */
const STOP_READING_AT_ONCE: ReadonlySet<StopReason> = new Set(['interrupted', 'output_unwritable']);

export class StopControl {
  private info: StopInfo | undefined;
  /** An interrupt that came after another stop: the first reason stands, but reading ends now. */
  private interruptedLate = false;
  private listeners: ((info: StopInfo) => void)[] = [];
  private readingListeners: (() => void)[] = [];
  private readonly waiters = new Set<() => void>();
  private resolveStopped!: (info: StopInfo) => void;
  readonly stopped: Promise<StopInfo> = new Promise((resolve) => (this.resolveStopped = resolve));

  constructor(signal?: AbortSignal) {
    if (signal?.aborted) this.stop('interrupted');
    else signal?.addEventListener('abort', () => this.stop('interrupted'), { once: true });
  }

  /** Asks the run to stop; the first reason is the one reported, but an interrupt always ends reading. */
  stop(reason: StopReason, detail?: string): void {
    if (this.info) {
      if (STOP_READING_AT_ONCE.has(reason) && !this.readingStopped) {
        this.interruptedLate = true;
        this.endReading();
      }
      return;
    }
    this.info = detail === undefined ? { reason } : { reason, detail };
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener(this.info);
    if (this.readingStopped) this.endReading();
    this.resolveStopped(this.info);
  }

  /** Hears the moment reading must end (an interrupt, first or after another stop). */
  onReadingStopped(listener: () => void): void {
    if (this.readingStopped) listener();
    else this.readingListeners.push(listener);
  }

  private endReading(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
    const listeners = this.readingListeners;
    this.readingListeners = [];
    for (const listener of listeners) listener();
  }

  onStop(listener: (info: StopInfo) => void): void {
    if (this.info) listener(this.info);
    else this.listeners.push(listener);
  }

  get reason(): StopReason | undefined {
    return this.info?.reason;
  }

  get detail(): string | undefined {
    return this.info?.detail;
  }

  /** True once a stop asks that no more input be read (rows not read stay out of the outputs). */
  get readingStopped(): boolean {
    return this.info !== undefined && (this.interruptedLate || STOP_READING_AT_ONCE.has(this.info.reason));
  }

  /** Waits for `work`, unless a stop that ends reading comes first. A late rejection of `work` is swallowed. */
  race<T>(work: Promise<T>): Promise<T | typeof STOPPED> {
    if (this.readingStopped) {
      work.catch(() => undefined);
      return Promise.resolve(STOPPED);
    }
    // One waiter per pending call, dropped when it settles: a long-lived promise in Promise.race
    // would keep a reaction per row read.
    return new Promise<T | typeof STOPPED>((resolve, reject) => {
      const waiter = (): void => resolve(STOPPED);
      this.waiters.add(waiter);
      work.then(
        (value) => {
          this.waiters.delete(waiter);
          resolve(value);
        },
        (error: unknown) => {
          this.waiters.delete(waiter);
          reject(error);
        },
      );
    });
  }
}
