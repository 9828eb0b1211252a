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

export function rowFromPairs(row: number, every: readonly RowAgent[], attempts: number): RowResult {
  const names = every.flatMap((a) => (a.outcome.kind === 'applied' && a.outcome.name ? [a.outcome.name] : []));
  // Pairs --state holds as applied were not sent: a row of only those is unchanged; otherwise it is judged by the others.
  const agents = every.filter((a) => !(a.outcome.kind === 'applied' && a.outcome.fromState));
  if (agents.length === 0) return { row, status: 'unchanged', attempts, retryable: false, ...(names.length > 0 ? { agentNames: names } : {}) };
  const applied = agents.filter((a) => a.outcome.kind === 'applied');
  const failed = agents.filter((a): a is RowAgent & { outcome: Failed } => a.outcome.kind === 'failed');
  const unsent = agents.filter((a): a is RowAgent & { outcome: Unsent } => a.outcome.kind === 'not_attempted');
  const retryAgents = [...failed.filter((a) => a.outcome.retryable), ...unsent].map((a) => a.raw);
  const retryable = retryAgents.length > 0;
  const lastApplied = applied.at(-1)?.outcome;
  const appliedStatus = lastApplied?.kind === 'applied' ? lastApplied.httpStatus : undefined;
  const base = { row, attempts, retryable, ...(retryable ? { retryAgents } : {}), ...(names.length > 0 ? { agentNames: names } : {}) };
  if (failed.length === 0 && unsent.length === 0) return withHttp({ ...base, status: 'succeeded' }, appliedStatus);
  if (failed.length === 0 && applied.length === 0) {
    const code = unsent.find((a) => a.outcome.code)?.outcome.code;
    // The row's own pair says why (a dry run, a rejected key); a borrowed one only that nothing was sent.
    const own = unsent.find((a) => a.ownerRow === undefined);
    return withCode({ ...base, status: 'not_attempted', errorMessage: own?.outcome.message ?? NOT_SENT_MESSAGE }, code);
  }
  // A transient failure is the one worth reporting first: it is what a rerun will fix.
  const lead = failed.find((a) => a.outcome.retryable) ?? failed[0];
  const code: RowErrorCode | undefined = lead?.outcome.code ?? unsent.find((a) => a.outcome.code)?.outcome.code;
  const result: RowResult = { ...base, status: applied.length > 0 ? 'partial' : 'failed', errorMessage: describe(agents) };
  return withCode(withHttp(result, lead?.outcome.httpStatus ?? appliedStatus), code);
}

function withHttp(result: RowResult, httpStatus: number | undefined): RowResult {
  return httpStatus === undefined ? result : { ...result, httpStatus };
}

function withCode(result: RowResult, code: RowErrorCode | undefined): RowResult {
  return code === undefined ? result : { ...result, errorCode: code };
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
