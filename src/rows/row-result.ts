// The record of what happened to one input row: what results.csv, retry.csv, the journal and
// the summary are all made from. Row failures are these values, never exceptions.
import type { RowErrorCode } from '../errors.js';
import type { Change } from '../output/undo-file.js';

export const ROW_STATUSES = ['succeeded', 'partial', 'failed', 'invalid', 'duplicate', 'not_attempted', 'skipped', 'unchanged'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export interface RowResult {
  /** 1-based data row number (the header is not counted). */
  row: number;
  status: RowStatus;
  httpStatus?: number;
  errorCode?: RowErrorCode;
  errorMessage?: string;
  /** Real sends that carried this row. */
  attempts: number;
  retryable: boolean;
  /** For a retryable row whose agents were only partly done: the agent values (as written) still to do. */
  retryAgents?: string[];
  /** Display names of the row's agents that went through (from the team directory or the answer). */
  agentNames?: string[];
  /** --assign or an assign_to cell: whether the chat's primary assignee was set (undefined when not asked). */
  assigned?: 'yes' | 'no';
  /** The pairs this row changed (applied by this run), for undo.csv; not journaled. */
  changes?: Change[];
}
