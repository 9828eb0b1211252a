// --mirror: once the whole input has been read with no stop, the pairs the state recorded as added
// by collab-bulk that the input no longer names are removed through the same sender (limiter,
// retries), each written to removals.csv as it settles. A pair someone else added is never
// touched: the state only knows its own. Nothing is removed when the run stopped, the input was
// not read to its end, a record was damaged, or more would go than --max-removals allows.
import { UsageError } from '../errors.js';
import type { CsvFile } from '../output/csv-file.js';
import { openRemovalsFile, removalRecord, removalStatus } from '../output/removals-file.js';
import type { RemovalCounts, StopReason } from '../output/summary.js';
import type { Pair } from '../rows/pair.js';
import type { RowResult } from '../rows/row-result.js';
import { judgeRemovals, type MaxRemovals } from '../state/removal-guard.js';
import type { RowTally } from './row-outcome.js';
import type { Sender } from './sender.js';
import type { StateLink } from './state-link.js';

/** Removals waiting or in flight at once: the list is read from the state as they settle. */
const IN_FLIGHT = 1_000;

export interface MirrorStart {
  state: StateLink;
  sender: Sender;
  /** Why nothing may be removed (the run stopped, the input was cut short), if so. */
  notComplete?: string;
  maxRemovals: MaxRemovals;
  notice(message: string): void;
}

export class Mirror {
  private readonly file: CsvFile;
  private readonly counts: RemovalCounts = { planned: 0, removed: 0, failed: 0, held: 0 };
  private open = 0;
  private wake?: () => void;

  constructor(path: string, onError: (error: Error) => void) {
    this.file = openRemovalsFile(path, onError);
  }

  /** Plans, guards and sends the removals; returns the guard's sentence when it held them. */
  async start(run: MirrorStart): Promise<string | undefined> {
    const plan = run.state.removals();
    this.counts.planned = plan.planned;
    if (plan.dataRows === 0) throw new UsageError('--mirror refuses an input with no data rows: it would remove every pair the state added; check the export');
    const held = run.notComplete ?? (plan.damagedRow ? `row ${plan.damagedRow} could not be read as a record, so the export may be damaged` : undefined);
    if (held) {
      if (plan.planned > 0) run.notice(`--mirror: ${plan.planned} removals held: ${held}`);
      return void (await this.hold(plan.pairs(), `not sent: ${held}`));
    }
    const verdict = judgeRemovals(plan.planned, plan.added, run.maxRemovals);
    if (verdict.hold) {
      await this.hold(plan.pairs(), 'not sent: more removals than --max-removals allows');
      return verdict.sentence;
    }
    const pairs = plan.pairs()[Symbol.iterator]();
    for (let next = pairs.next(); !next.done; next = pairs.next()) {
      // A stop during the removals holds the ones not yet handed to the sender.
      if (run.sender.stopReason) return void (await this.hold(rest(next.value, pairs), 'not sent: the run stopped first'));
      this.open++;
      run.sender.remove(next.value);
      if (this.open >= IN_FLIGHT) await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return undefined;
  }

  /** A removal settled (sent, failed, or not sent because the run stopped). */
  settled(result: RowResult, tally: RowTally): void {
    this.write({ waba: tally.waba, customer: tally.customer, agent: tally.agents[0]?.digits ?? '' }, result);
    this.open--;
    if (this.open < IN_FLIGHT / 2) this.wakeUp();
  }

  async close(): Promise<RemovalCounts> {
    this.wakeUp();
    await this.file.close();
    return this.counts;
  }

  private async hold(pairs: Iterable<Pair>, message: string): Promise<void> {
    for (const pair of pairs) {
      if (!this.write(pair, { row: 0, status: 'not_attempted', errorMessage: message, attempts: 0, retryable: true })) await this.file.drained();
    }
  }

  private write(pair: Pair, result: RowResult): boolean {
    this.counts[removalStatus(result)]++;
    return this.file.write(removalRecord(pair, result));
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Why --mirror may remove nothing this time, if so. */
export function whyNotComplete(stop: StopReason | undefined, inputError: string | undefined, dryRun: boolean): string | undefined {
  if (stop) return `the run stopped (${stop}) before it was complete`;
  if (inputError) return 'the input could not be read to its end';
  return dryRun ? 'a dry run sends nothing' : undefined;
}

function* rest(first: Pair, more: Iterator<Pair>): Generator<Pair> {
  yield first;
  for (let next = more.next(); !next.done; next = more.next()) yield next.value;
}
