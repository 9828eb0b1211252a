// The pipeline's running figures for a progress display to poll: rows read so far and whether
// reading ended (the total), bytes read of the file size (the estimate before that), retries
// waiting and the limiter's current rate.
import type { InputSource } from '../input/source.js';
import type { LiveRun } from './progress-figures.js';
import type { Sender } from './sender.js';

export interface ReadingTracker {
  readonly live: LiveRun;
  /** One more record read from the input. */
  read(): void;
  /** The input ended (or reading stopped): the total is now exact. */
  ended(): void;
}

/** `sender` is asked lazily: the window that reports reading is made before the sender. */
export function trackReading(source: Pick<InputSource, 'size' | 'bytesRead'>, sender: () => Pick<Sender, 'retriesWaiting' | 'currentRate'>): ReadingTracker {
  let rowsRead = 0;
  let readDone = false;
  return {
    live: {
      get rowsRead() {
        return rowsRead;
      },
      get readDone() {
        return readDone;
      },
      inputBytes: source.size,
      get bytesRead() {
        return source.bytesRead();
      },
      get retriesWaiting() {
        return sender().retriesWaiting;
      },
      get rateLimit() {
        return sender().currentRate;
      },
    },
    read: () => void rowsRead++,
    ended: () => void (readDone = true),
  };
}
