// The reading half of the run: pulls one record at a time while the ordered window has room, plans
// it, and hands it on: to the window as already done (invalid, duplicate, final in an earlier
// session) or to the sender, to send or to settle unsent (--dry-run, the run stopped) through the
// same pair tally. An interrupt ends reading at once, even while waiting on a slow pipe or a full
// window, and even after another stop; other stops read on, marking the rest not sent, so
// retry.csv holds every row.
import { isUserError } from '../errors.js';
import type { CsvRecord } from '../input/reader.js';
import type { ResumeState } from '../output/resume-state.js';
import type { JournalPair, RowLine } from '../output/journal.js';
import type { PairAction, PairOutcome } from '../rows/pair.js';
import type { RowPlan, SendPlan } from '../rows/plan.js';
import type { OrderedWindow } from './ordered-window.js';
import { DRY_RUN_OUTCOME, notSentOutcome } from './not-sent.js';
import { changesOf } from './row-outcome.js';
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
  /** --action: what a row without its own action does. */
  action: PairAction;
  /** GET /team rejected the key: sendable rows are not_attempted/unauthorized (see team-check.ts). */
  keyRejected?: string;
  /** The row's plan, or undefined for a row another shard handles (--shard: it is neither sent nor written here). */
  plan(record: CsvRecord): RowPlan | undefined;
  /** Hears a row final in an earlier session (--state records its pairs, in case that session was killed before it could). */
  onJournaled?(line: RowLine): void;
  /** Told of the pairs of rows final in an earlier session, so later rows borrowing them are settled. */
  shared?: SharedAgents;
}

export interface FeedOutcome {
  /** Why the input could not be read to its end, when that stopped the run. */
  inputError?: string;
  /** Rows read before an interrupt ended reading (the rest are in no output). */
  rowsRead: number;
}

export async function feedRows(feed: Feed): Promise<FeedOutcome> {
  const { window, stops } = feed;
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
      if (plan === undefined) {
        window.skip(record.row);
        continue;
      }
      window.open(record.row, record);
      feedOne(feed, record.row, plan);
    }
  } catch (error) {
    // Past the header, requests may already be out: finish what was read, then say where reading broke.
    if (!isUserError(error)) throw error;
    feed.sender.stop('input_unreadable');
    return { inputError: error.message, rowsRead };
  }
  if (stops.readingStopped) void iterator.return?.().catch(() => undefined);
  return { rowsRead };
}

function feedOne(feed: Feed, row: number, plan: RowPlan): void {
  const { window, sender } = feed;
  // A row the journal holds as final keeps its result, whatever this session's planning says.
  const earlier = feed.resume.finalResult(row);
  if (earlier) {
    if (plan.kind === 'send') settleFromJournal(feed, plan, earlier.pairs ?? []);
    feed.onJournaled?.(earlier);
    const { waba, customer, action, pairs, ...result } = earlier;
    const changes = waba && customer ? changesOf(waba, customer, pairs ?? [], action ?? feed.action) : [];
    return window.finish({ ...result, changes });
  }
  if (plan.kind === 'done') {
    if (!waitsForKey(feed.keyRejected, plan)) return window.finish(plan.result);
    return window.finish({ row, status: 'not_attempted', errorCode: 'unauthorized', errorMessage: `not sent: ${feed.keyRejected}`, attempts: 0, retryable: true });
  }
  // This job's journal knows better than the state: a pair it applied is this run's doing.
  const carried = joined(feed.resume.carried(row), plan.fromState);
  if (feed.dryRun) return sender.skip(plan, DRY_RUN_OUTCOME, carried);
  if (feed.keyRejected !== undefined || sender.stopReason) return sender.skip(plan, notSentOutcome(sender.stopReason, feed.keyRejected), carried);
  sender.submit(plan, carried);
}

function joined(first?: ReadonlyMap<string, PairOutcome>, then?: ReadonlyMap<string, PairOutcome>): ReadonlyMap<string, PairOutcome> | undefined {
  if (!first || !then) return first ?? then;
  return new Map([...then, ...first]);
}

/** Later rows borrowing this row's pairs learn their outcomes from its journal record. */
function settleFromJournal(feed: Feed, plan: SendPlan, pairs: readonly JournalPair[]): void {
  if (!feed.shared) return;
  for (const agent of plan.agents) {
    const recorded = pairs.find((pair) => pair.agent === agent.digits);
    // A journal line without its pairs (written before pairs were recorded): the pair is sent again by whoever borrows it.
    const outcome = recorded?.outcome ?? notSentOutcome(undefined);
    feed.shared.settled({ waba: plan.waba, customer: plan.customer, agent: agent.digits }, outcome, plan.action);
  }
}
