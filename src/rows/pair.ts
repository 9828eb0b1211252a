// The unit of truth: one (WABA, customer, agent) pair and what happened to it. A row expands to
// pairs; each pair is owned by the first row that names it, its outcome is recorded once as data
// (in the journal, in the nightly state), and a row's result is a pure function of its pairs
// (src/run/row-from-pairs.ts). Nothing downstream reads an outcome back from message text.
import type { RowErrorCode } from '../errors.js';

export type PairAction = 'add' | 'remove';

/** E.164 digits (no `+`) for all three numbers. */
export interface Pair {
  waba: string;
  customer: string;
  agent: string;
}

export type PairOutcome =
  /** The API listed the agent under `success` (for remove: it is no longer a collaborator); `fromState`: an earlier run did, as --state records, and nothing was sent now. */
  | { kind: 'applied'; httpStatus?: number; name?: string; fromState?: true }
  /** A send or the team directory settled it as failed; `retryable` says whether a rerun may fix it. */
  | { kind: 'failed'; code: RowErrorCode; retryable: boolean; httpStatus?: number; message: string }
  /** Nothing was sent for it: the run stopped first (`code` is the stop's, e.g. `unauthorized`), or --dry-run. */
  | { kind: 'not_attempted'; code?: RowErrorCode; message: string };

export interface PairRecord extends Pair {
  action: PairAction;
  /** The data row that owns the pair (the first row naming it). */
  row: number;
  /** The agent as written in the cell (kept for retry.csv). */
  raw: string;
  outcome: PairOutcome;
}

/** The key under which a pair is claimed and looked up. */
export function pairKey(pair: Pair): string {
  return `${pair.waba}|${pair.customer}|${pair.agent}`;
}
