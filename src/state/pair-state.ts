// What the state holds for one pair, as data, and the pure reading of it that planning needs:
// is the pair already applied (not sent again), or is it to add or to retry. Also the pair's key
// as stored: three E.164 numbers as integers (see schema.ts).
import type { RowErrorCode } from '../errors.js';
import type { Pair, PairAction } from '../rows/pair.js';

export interface PairState {
  /** The last action sent for the pair (a pair nothing was sent for has no state). */
  action: PairAction;
  outcome: 'applied' | 'failed';
  code?: RowErrorCode;
  httpStatus?: number;
  /** For a failure: whether a rerun may fix it (failed pairs are sent again either way). */
  retryable?: boolean;
  /** collab-bulk's last applied action on the pair was add: --mirror may remove it when the input no longer names it. */
  added: boolean;
  at: Date;
  runId: number;
}

/** A pair whose last action is an applied add is not sent again. */
export function isAppliedState(state: PairState | undefined): boolean {
  return state !== undefined && state.action === 'add' && state.outcome === 'applied';
}

/** What planning does with a pair the input names: `retry` is an add that failed in an earlier run. */
export type PairPlan = 'add' | 'retry' | 'unchanged';

export function planFor(state: PairState | undefined): PairPlan {
  if (isAppliedState(state)) return 'unchanged';
  return state?.action === 'add' ? 'retry' : 'add';
}

export type PairKey = readonly [waba: number, customer: number, agent: number];

const E164 = /^[1-9]\d{0,14}$/;

/** The stored key, or undefined for digits no E.164 number has (such a pair is never in a state). */
export function storedKey(pair: Pair): PairKey | undefined {
  if (!E164.test(pair.waba) || !E164.test(pair.customer) || !E164.test(pair.agent)) return undefined;
  return [Number(pair.waba), Number(pair.customer), Number(pair.agent)];
}

/** The columns a lookup reads, in the order of a PairRow. */
export const PAIR_COLUMNS = ['action', 'outcome', 'code', 'http_status', 'retryable', 'added', 'at', 'run_id'] as const;

/** A pairs row as read by a lookup: PAIR_COLUMNS, as an array. */
export type PairRow = readonly [
  action: PairAction,
  outcome: 'applied' | 'failed',
  code: string | null,
  httpStatus: number | null,
  retryable: number | null,
  added: number,
  at: number,
  runId: number,
];

export function stateFromRow([action, outcome, code, httpStatus, retryable, added, at, runId]: PairRow): PairState {
  const state: PairState = { action, outcome, added: added === 1, at: new Date(at), runId };
  if (code !== null) state.code = code as RowErrorCode;
  if (httpStatus !== null) state.httpStatus = httpStatus;
  if (retryable !== null) state.retryable = retryable === 1;
  return state;
}

export function pairFromKey(row: { waba: number; customer: number; agent: number }): Pair {
  return { waba: String(row.waba), customer: String(row.customer), agent: String(row.agent) };
}
