// A 403 means "not your chat" for one chat, or a key the API will not take for any: the run guard
// tells them apart only after several chats in a row answer 403. Until it has decided, rows that
// failed with 403 (and the rows after them, to keep input order) are held here, between the ordered
// window and the files. A success clears them as permanent failures; a stop for a rejected key
// writes them as rerunnable, so retry.csv holds them as the stop message promises, and the journal
// gets the revised result, so --resume sends them again.
import type { RowResult } from '../rows/row-result.js';
import type { WindowSink } from './ordered-window.js';

/** Held rows are few (ten chats stop the run); past this many the 403s are plainly per chat. */
const MAX_HELD = 2_000;

export interface HoldOptions {
  /** True while the guard still counts 403s toward a rejected key (no success since the first). */
  undecided(): boolean;
  /** True once the run stopped because the key was rejected. */
  keyRejected(): boolean;
  /** Hears a result revised to rerunnable, to journal it. */
  onRevised(result: RowResult): void;
}

/** `T` is what the files need of the input row (see OrderedWindow). */
export class ForbiddenHold<T = readonly string[]> implements WindowSink<T> {
  private held: { fields: T; result: RowResult }[] = [];

  constructor(
    private readonly sink: WindowSink<T>,
    private readonly options: HoldOptions,
  ) {}

  write(fields: T, result: RowResult): boolean {
    if (this.options.keyRejected()) {
      this.release();
      return this.sink.write(fields, this.revised(result));
    }
    if (this.held.length > 0 && !this.options.undecided()) this.release();
    if (this.held.length === 0 && !isForbidden(result)) return this.sink.write(fields, result);
    this.held.push({ fields, result });
    if (this.held.length >= MAX_HELD) this.release();
    return true;
  }

  drained(): Promise<void> {
    return this.sink.drained();
  }

  /** Writes every held row: rerunnable if the key was rejected, as it was otherwise. */
  release(): void {
    const held = this.held;
    this.held = [];
    const rejected = this.options.keyRejected();
    for (const { fields, result } of held) this.sink.write(fields, rejected ? this.revised(result) : result);
  }

  private revised(result: RowResult): RowResult {
    if (!isForbidden(result)) return result;
    const revised: RowResult = { ...result, retryable: true };
    delete revised.retryAgents;
    this.options.onRevised(revised);
    return revised;
  }
}

function isForbidden(result: RowResult): boolean {
  return result.errorCode === 'forbidden' && !result.retryable;
}
