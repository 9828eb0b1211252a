// A row's result as one pure function of its agents' pair outcomes: status, error_code,
// error_message, retryable, agent_names and the retry cell all come from here, in every session
// and in merge, so a row reads the same however its pairs were settled (sent by it, borrowed from
// an earlier row of the same chat, carried over from the journal, or never sent).
import type { RowErrorCode } from '../errors.js';
import type { PairOutcome } from '../rows/pair.js';
import type { RowResult } from '../rows/row-result.js';

export interface RowAgent {
  /** The agent as written in the cell. */
  raw: string;
  outcome: PairOutcome;
  /** The earlier row of the same chat that owns this pair, when this row borrowed it. */
  ownerRow?: number;
}

/** What results.csv says of a row the run never sent because it stopped first. */
export const NOT_SENT_MESSAGE = 'the run stopped before this row was sent';

type Failed = Extract<PairOutcome, { kind: 'failed' }>;
type Unsent = Extract<PairOutcome, { kind: 'not_attempted' }>;

/** What one pass over a row's agents gathers: every row settles through here, so no list is built twice. */
interface Tally {
  names: string[];
  /** Agents not carried over from --state. */
  judged: number;
  applied: number;
  failed: number;
  unsent: number;
  retryFailed: string[];
  retryUnsent: string[];
  appliedStatus: number | undefined;
  firstFailed: Failed | undefined;
  firstRetryableFailed: Failed | undefined;
  unsentCode: RowErrorCode | undefined;
  ownUnsent: Unsent | undefined;
}

function tally(every: readonly RowAgent[]): Tally {
  const t: Tally = { names: [], judged: 0, applied: 0, failed: 0, unsent: 0, retryFailed: [], retryUnsent: [], appliedStatus: undefined, firstFailed: undefined, firstRetryableFailed: undefined, unsentCode: undefined, ownUnsent: undefined };
  for (const agent of every) {
    const outcome = agent.outcome;
    if (outcome.kind === 'applied') {
      if (outcome.name) t.names.push(outcome.name);
      // Pairs --state holds as applied were not sent: they do not judge the row.
      if (outcome.fromState) continue;
      t.applied++;
      t.appliedStatus = outcome.httpStatus;
    } else if (outcome.kind === 'failed') {
      t.failed++;
      t.firstFailed ??= outcome;
      if (outcome.retryable) {
        t.firstRetryableFailed ??= outcome;
        t.retryFailed.push(agent.raw);
      }
    } else {
      t.unsent++;
      t.retryUnsent.push(agent.raw);
      if (outcome.code) t.unsentCode ??= outcome.code;
      if (agent.ownerRow === undefined) t.ownUnsent ??= outcome;
    }
    t.judged++;
  }
  return t;
}

export function rowFromPairs(row: number, every: readonly RowAgent[], attempts: number): RowResult {
  const t = tally(every);
  const agentNames = t.names.length > 0 ? { agentNames: t.names } : {};
  // A row of only pairs --state holds as applied is unchanged; otherwise it is judged by the others.
  if (t.judged === 0) return { row, status: 'unchanged', attempts, retryable: false, ...agentNames };
  const retryable = t.retryFailed.length + t.retryUnsent.length > 0;
  const base = { row, attempts, retryable, ...(retryable ? { retryAgents: [...t.retryFailed, ...t.retryUnsent] } : {}), ...agentNames };
  // Object.assign, not `{ ...base, status }`: V8 adds a key to a spread copy on a slow path, and the
  // object made that way stays slow for the keys added after it and for JSON (README, "Performance").
  if (t.failed === 0 && t.unsent === 0) return withHttp(Object.assign({}, base, { status: 'succeeded' as const }), t.appliedStatus);
  if (t.failed === 0 && t.applied === 0) {
    // The row's own pair says why (a dry run, a rejected key); a borrowed one only that nothing was sent.
    return withCode(Object.assign({}, base, { status: 'not_attempted' as const, errorMessage: t.ownUnsent?.message ?? NOT_SENT_MESSAGE }), t.unsentCode);
  }
  // A transient failure is the one worth reporting first: it is what a rerun will fix.
  const lead = t.firstRetryableFailed ?? t.firstFailed;
  const code: RowErrorCode | undefined = lead?.code ?? t.unsentCode;
  const judged = every.filter((a) => !(a.outcome.kind === 'applied' && a.outcome.fromState));
  const result: RowResult = Object.assign({}, base, { status: t.applied > 0 ? ('partial' as const) : ('failed' as const), errorMessage: describe(judged) });
  return withCode(withHttp(result, lead?.httpStatus ?? t.appliedStatus), code);
}

function withHttp(result: RowResult, httpStatus: number | undefined): RowResult {
  if (httpStatus !== undefined) result.httpStatus = httpStatus;
  return result;
}

function withCode(result: RowResult, code: RowErrorCode | undefined): RowResult {
  if (code !== undefined) result.errorCode = code;
  return result;
}

/** One clause per distinct reason, naming its agents when the row has several. */
function describe(agents: readonly RowAgent[]): string {
  const byMessage = new Map<string, string[]>();
  for (const agent of agents) {
    const message = reason(agent);
    if (message === undefined) continue;
    const list = byMessage.get(message) ?? [];
    list.push(agent.raw);
    byMessage.set(message, list);
  }
  const several = agents.length > 1;
  // Led by a word, not a number: a message starting with "+91..." would be taken for a formula.
  const who = (raws: string[]): string => `${raws.length > 1 ? 'agents' : 'agent'} ${raws.join(', ')}`;
  return [...byMessage].map(([message, raws]) => (several ? `${who(raws)}: ${message}` : message)).join('; ');
}

function reason(agent: RowAgent): string | undefined {
  const { outcome, ownerRow } = agent;
  if (outcome.kind === 'applied') return undefined;
  if (outcome.kind === 'not_attempted') return 'not sent, the run stopped';
  if (ownerRow === undefined) return outcome.message;
  return outcome.retryable ? `sent by row ${ownerRow}, where it did not go through yet (${outcome.code})` : `sent by row ${ownerRow}, where it failed (${outcome.code})`;
}
