// The run's link to the nightly state (--state FILE). As each row is planned it notes what the
// input names (so --mirror knows what left it) and attaches the pairs the state holds as applied
// (`fromState`: not sent again); as each row settles, the pairs it sent are recorded; at the end,
// the run's line gets its counts and exit code. Without --state, nothing of this happens.
import type { PairOutcome, Pair } from '../rows/pair.js';
import type { RowPlan } from '../rows/plan.js';
import type { RowLine } from '../output/journal.js';
import type { Summary } from '../output/summary.js';
import { openState, type StateStore } from '../state/store.js';
import { isAppliedState } from '../state/pair-state.js';
import type { RunOptions } from './options.js';
import { ownedPairs, type RowTally } from './row-outcome.js';

/** What --mirror needs to know of the state and of the input once reading has ended. */
export interface RemovalPlan {
  /** Pairs the state added that the input no longer names. */
  planned: number;
  /** Pairs the state holds as added (what a --max-removals percentage is of). */
  added: number;
  /** The planned pairs, read a page at a time. */
  pairs(): Iterable<Pair>;
  /** Data rows the input held (report furniture aside). */
  dataRows: number;
  /** The first row that could not be read as a record (a damaged export): removals are then held. */
  damagedRow?: number;
}

export interface StateLink {
  /** Notes the planned row; a send plan comes back with the pairs the state holds as applied. */
  noted(plan: RowPlan): RowPlan;
  record(tally: RowTally): void;
  /** Records the pairs of a row an earlier session of this run settled for good. */
  recordLine(line: RowLine): void;
  removals(): RemovalPlan;
  end(summary: Summary): void;
  close(): void;
}

const DAMAGE = new Set(['malformed_row', 'bad_encoding']);

export function openStateLink(options: RunOptions, started: Date, onError: (message: string) => void): StateLink | undefined {
  if (!options.statePath) return undefined;
  const store: StateStore = openState(options.statePath, {
    ...(options.shard ? { shard: options.shard } : {}),
    onError: (error: Error) => onError(`cannot write the state ${options.statePath} (${(error as NodeJS.ErrnoException).code ?? error.message})`),
  });
  const runId = store.beginRun({ input: options.input, outDir: options.outDir, action: options.action, mirror: options.mirror, startedAt: started });
  let dataRows = 0;
  let damagedRow: number | undefined;
  return {
    noted(plan) {
      if (plan.kind === 'done') {
        if (plan.result.status === 'skipped') return plan;
        dataRows++;
        if (plan.result.errorCode && DAMAGE.has(plan.result.errorCode)) damagedRow ??= plan.result.row;
        // A row that names a chat whose agents cannot be read keeps the chat's pairs from --mirror.
        if (plan.chat && options.mirror) store.seeChat(plan.chat.waba, plan.chat.customer);
        return plan;
      }
      dataRows++;
      let fromState: Map<string, PairOutcome> | undefined;
      for (const agent of plan.agents) {
        const state = store.see({ waba: plan.waba, customer: plan.customer, agent: agent.digits });
        // Only a run that adds skips what is already added.
        if ((plan.action ?? options.action) !== 'add' || !isAppliedState(state)) continue;
        fromState ??= new Map();
        fromState.set(agent.digits, { kind: 'applied', fromState: true, ...(agent.name ? { name: agent.name } : {}) });
      }
      // Not `{ ...plan, fromState }`: V8 adds a key to a spread copy on a slow path, once per row on a night with nothing new.
      return fromState ? Object.assign({}, plan, { fromState }) : plan;
    },
    record(tally) {
      for (const pair of ownedPairs(tally)) {
        if (pair.outcome.kind === 'applied' && pair.outcome.fromState) continue;
        const action = tally.removal ? 'remove' : (pair.action ?? tally.action ?? options.action);
        store.recordPair({ waba: tally.waba, customer: tally.customer, agent: pair.agent, raw: pair.raw, row: tally.row, action, outcome: pair.outcome }, runId);
      }
    },
    recordLine(line) {
      if (line.waba === undefined || line.customer === undefined) return;
      this.record({ row: line.row, waba: line.waba, customer: line.customer, agents: (line.pairs ?? []).map((pair) => ({ raw: pair.raw, digits: pair.agent, outcome: pair.outcome })), open: 0, sends: 0 });
    },
    removals() {
      const { planned, added } = store.removalFigures(runId);
      // None now means none later: pairs this run settles only leave the list.
      return { planned, added, pairs: () => (planned === 0 ? [] : store.removalCandidates(runId)), dataRows, ...(damagedRow ? { damagedRow } : {}) };
    },
    end(summary) {
      const { rows, statuses, errorCodes, requestsSent, removals } = summary;
      store.endRun(runId, { rows, statuses, errorCodes, requestsSent, stoppedBecause: summary.stoppedBecause, ...(removals ? { removals } : {}) }, summary.exitCode);
    },
    close() {
      store.close();
    },
  };
}
