// A row can name an agent an earlier row already sends for the same chat: the agent is not sent
// twice, but the later row must not inherit a success it did not get. Each claimed triple's outcome
// is recorded in the dedupe table (1 byte a slot) as its row settles; a later row's shared agent
// is settled from it, at once if known, or when the earlier row's agent settles (it is then still
// in the window, so waiting borrowers are few).
import type { RowErrorCode } from '../errors.js';
import { pairKey } from '../rows/dedupe-plan.js';
import type { PairSet } from '../rows/dedupe.js';
import type { RowResult } from '../rows/row-result.js';
import type { RowTally } from './row-outcome.js';

/** How a claimed agent ended, as stored: kind in the low 3 bits, the error code's index above. */
type Kind = 'ok' | 'unsent' | 'retryable' | 'permanent';
const KINDS: readonly Kind[] = ['ok', 'unsent', 'retryable', 'permanent'];
const CODES: readonly RowErrorCode[] = [
  'agent_not_found', 'chat_not_found', 'unauthorized', 'forbidden', 'bad_request', 'rate_limited', 'server_error',
  'network_error', 'timeout', 'unconfirmed', 'agent_unresolved', 'ambiguous_agent', 'invalid_phone',
];

export interface AgentEnd {
  kind: Kind;
  code?: RowErrorCode;
}

function encode(end: AgentEnd): number {
  const code = end.code === undefined ? 0 : CODES.indexOf(end.code) + 1;
  return KINDS.indexOf(end.kind) + 1 + (code << 3);
}

function decode(value: number): AgentEnd | undefined {
  if (value === 0) return undefined;
  const kind = KINDS[(value & 7) - 1] ?? 'retryable';
  const code = CODES[(value >> 3) - 1];
  return code === undefined ? { kind } : { kind, code };
}

export class SharedAgents {
  private readonly waiting = new Map<string, ((end: AgentEnd) => void)[]>();

  constructor(private readonly seen: PairSet) {}

  /** An agent of a row that claimed it has ended (sent, failed, or not sent because the run stopped). */
  settled(waba: string, customer: string, agentDigits: string, end: AgentEnd): void {
    const key = pairKey(waba, customer, agentDigits);
    this.seen.setOutcome(key, encode(end));
    const borrowers = this.waiting.get(key);
    if (!borrowers) return;
    this.waiting.delete(key);
    for (const borrower of borrowers) borrower(end);
  }

  /** A row finished without sending (final in an earlier session, or not sent): its agents end with it. */
  settledWithRow(plan: { waba: string; customer: string; agents: readonly { raw: string; digits: string }[] }, result: RowResult): void {
    for (const agent of plan.agents) this.settled(plan.waba, plan.customer, agent.digits, endFromResult(result, agent.raw));
  }

  /** Settles `raw` in the later row's tally from the earlier row's outcome; returns via `done` when the tally is complete. */
  borrow(tally: RowTally, waba: string, customer: string, agent: { raw: string; digits: string }, firstRow: number, done: (tally: RowTally) => void): void {
    const key = pairKey(waba, customer, agent.digits);
    const settle = (end: AgentEnd): void => {
      settleShared(tally, agent.raw, firstRow, end);
      if (tally.open === 0) done(tally);
    };
    const known = decode(this.seen.outcomeOf(key));
    if (known) return settle(known);
    const list = this.waiting.get(key);
    if (list) list.push(settle);
    else this.waiting.set(key, [settle]);
  }
}

function settleShared(tally: RowTally, raw: string, firstRow: number, end: AgentEnd): void {
  tally.open--;
  if (end.kind === 'ok') {
    tally.succeeded++;
    return;
  }
  const code = end.code ?? 'network_error';
  const message =
    end.kind === 'permanent'
      ? `sent by row ${firstRow}, where it failed (${code})`
      : `sent by row ${firstRow}, where it did not go through yet`;
  tally.failures.push({ raw, code, message, retryable: end.kind !== 'permanent' });
}

/** What a whole row's result says of one of its agents. */
function endFromResult(result: RowResult, raw: string): AgentEnd {
  if (result.status === 'succeeded') return { kind: 'ok' };
  if (result.status === 'not_attempted') return { kind: 'unsent' };
  // A partly done row names the agents that failed in its message, and the ones to retry in retryAgents.
  if (result.retryAgents?.includes(raw)) return { kind: 'retryable', ...(result.errorCode ? { code: result.errorCode } : {}) };
  if (result.status === 'partial' && !(result.errorMessage ?? '').includes(raw)) return { kind: 'ok' };
  return { kind: result.retryable ? 'retryable' : 'permanent', ...(result.errorCode ? { code: result.errorCode } : {}) };
}
