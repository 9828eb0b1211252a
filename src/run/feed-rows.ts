// The reading half of the run: pulls one record at a time while the ordered window has room, plans
// it, and hands it on: to the window as already done (invalid, duplicate, final in an earlier
// session, the run stopped) or to the sender. An interrupt ends reading at once, even while
// waiting on a slow pipe or a full window; other stops read on, marking the rest not sent, so
// retry.csv holds every row.
import { isUserError } from '../errors.js';
import type { CsvRecord } from '../input/reader.js';
import type { ResumeState } from '../output/resume-state.js';
import type { RowPlan } from '../rows/plan.js';
import type { RowResult } from '../rows/row-result.js';
import type { OrderedWindow } from './ordered-window.js';
import { NOT_SENT_MESSAGE } from './row-outcome.js';
import type { Sender } from './sender.js';
import type { SharedAgents } from './shared-agents.js';
import { STOPPED, type StopControl } from './stop-control.js';
import { waitsForKey } from './team-check.js';

export interface Feed {
  records: AsyncIterable<CsvRecord>;
  window: OrderedWindow<CsvRecord>;
  stops: StopControl;
  sender: Sender;
  resume: ResumeState;
  dryRun: boolean;
  /** GET /team rejected the key: sendable rows are not_attempted/unauthorized (see team-check.ts). */
  keyRejected?: string;
  plan(record: CsvRecord): RowPlan;
  /** False for a row another shard sends (--shard): it is planned (so duplicates are found across shards) but not written. */
  mine(row: number): boolean;
  /** Told of rows that end without being sent, so later rows sharing their agents are not left waiting. */
  shared?: SharedAgents;
}

export interface FeedOutcome {
  /** Why the input could not be read to its end, when that stopped the run. */
  inputError?: string;
  /** Rows read before an interrupt ended reading (the rest are in no output). */
  rowsRead: number;
}

export async function feedRows(feed: Feed): Promise<FeedOutcome> {
  const { window, stops, sender } = feed;
  const iterator = feed.records[Symbol.asyncIterator]();
  let rowsRead = 0;
  try {
    for (;;) {
      if ((await stops.race(window.room())) === STOPPED) break;
      const next = await stops.race(iterator.next());
      if (next === STOPPED || next.done) break;
      const record = next.value;
      rowsRead = record.row;
      const plan = feed.plan(record);
      if (!feed.mine(record.row)) {
        window.skip(record.row);
        continue;
      }
      window.open(record.row, record);
      const earlier = feed.resume.finalResult(record.row);
      if (plan.kind === 'done' && !waitsForKey(feed.keyRejected, plan)) window.finish(plan.result);
      else if (earlier || feed.dryRun || sender.stopReason || plan.kind === 'done') {
        const result = earlier ?? notSent(record.row, feed.dryRun, feed.keyRejected);
        if (plan.kind === 'send') feed.shared?.settledWithRow(plan, result);
        window.finish(result);
      } else sender.submit(plan);
    }
  } catch (error) {
    // Past the header, requests may already be out: finish what was read, then say where reading broke.
    if (!isUserError(error)) throw error;
    sender.stop('input_unreadable');
    return { inputError: error.message, rowsRead };
  }
  if (stops.readingStopped) void iterator.return?.().catch(() => undefined);
  return { rowsRead };
}

function notSent(row: number, dryRun: boolean, keyRejected?: string): RowResult {
  if (keyRejected) return { row, status: 'not_attempted', errorCode: 'unauthorized', errorMessage: `not sent: ${keyRejected}`, attempts: 0, retryable: true };
  const errorMessage = dryRun ? 'dry run: valid, not sent' : NOT_SENT_MESSAGE;
  return { row, status: 'not_attempted', errorMessage, attempts: 0, retryable: true };
}
