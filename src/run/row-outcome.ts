// Folds the per-agent answers of one row into its single result. A row's agents may travel in
// several requests (coalesced with other rows, split by --max-agents-per-request, retried), so
// the row keeps a small tally until its last agent is settled. Pure.
import type { RowErrorCode } from '../errors.js';
import type { SendPlan } from '../rows/plan.js';
import type { RowResult } from '../rows/row-result.js';

export interface AgentFailure {
  raw: string;
  code: RowErrorCode;
  message: string;
  httpStatus?: number;
  retryable: boolean;
}

export interface RowTally {
  row: number;
  agentCount: number;
  open: number;
  sends: number;
  succeeded: number;
  lastHttpStatus?: number;
  failures: AgentFailure[];
  /** Agents never sent because the run stopped first. */
  unsent: string[];
  /** Display names of the agents that went through. */
  names: string[];
}

/** What results.csv says of a row the run never sent because it stopped first. */
export const NOT_SENT_MESSAGE = 'the run stopped before this row was sent';

export function createTally(row: number, agentCount: number): RowTally {
  return { row, agentCount, open: agentCount, sends: 0, succeeded: 0, failures: [], unsent: [], names: [] };
}

/** The tally of a planned row: its agents open, those the team directory does not know already failed (never sent). */
export function tallyFor(plan: SendPlan): RowTally {
  const notFound = plan.notFound ?? [];
  const tally = createTally(plan.row, plan.agents.length + notFound.length);
  tally.open = plan.agents.length;
  for (const agent of notFound) tally.failures.push({ raw: agent.raw, code: 'agent_not_found', message: agent.message, retryable: false });
  return tally;
}

export function summariseRow(tally: RowTally): RowResult {
  const { row, sends: attempts } = tally;
  const retryAgents = [...tally.failures.filter((f) => f.retryable).map((f) => f.raw), ...tally.unsent];
  const retryable = retryAgents.length > 0;
  const base = { row, attempts, retryable, ...(retryable ? { retryAgents } : {}), ...(tally.names.length > 0 ? { agentNames: [...tally.names] } : {}) };
  if (tally.failures.length === 0 && tally.unsent.length === 0) {
    return { ...base, status: 'succeeded', httpStatus: tally.lastHttpStatus };
  }
  if (tally.failures.length === 0 && tally.succeeded === 0) {
    return { ...base, status: 'not_attempted', errorMessage: NOT_SENT_MESSAGE };
  }
  // A transient failure is the one worth reporting first: it is what a rerun will fix.
  const lead = tally.failures.find((f) => f.retryable) ?? tally.failures[0];
  const status = tally.succeeded > 0 ? 'partial' : 'failed';
  return {
    ...base,
    status,
    httpStatus: lead?.httpStatus ?? tally.lastHttpStatus,
    errorCode: lead?.code,
    errorMessage: describeFailures(tally),
  };
}

function describeFailures(tally: RowTally): string {
  const byMessage = new Map<string, string[]>();
  for (const failure of tally.failures) {
    const list = byMessage.get(failure.message) ?? [];
    list.push(failure.raw);
    byMessage.set(failure.message, list);
  }
  const parts: string[] = [];
  const several = tally.agentCount > 1;
  // Led by a word, not a number: a message starting with "+91..." would be taken for a formula.
  const who = (agents: string[]): string => `${agents.length > 1 ? 'agents' : 'agent'} ${agents.join(', ')}`;
  for (const [message, agents] of byMessage) parts.push(several ? `${who(agents)}: ${message}` : message);
  if (tally.unsent.length > 0) parts.push(`${who(tally.unsent)}: not sent, the run stopped`);
  return parts.join('; ');
}
