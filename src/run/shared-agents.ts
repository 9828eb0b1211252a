// A row can name an agent an earlier row already sends for the same chat: the pair is not sent
// twice, and the later row takes the owner's outcome for it, as data. Each claimed pair's outcome
// is kept in the dedupe table (1 byte a slot: kind and code); names learned from answers are kept
// per agent (agents are team members: few). A borrower settles at once when the outcome is known,
// or when the owner's pair settles (it is then still in the window, so waiting borrowers are few).
import type { RowErrorCode } from '../errors.js';
import type { PairSet } from '../rows/dedupe.js';
import { claimKey } from '../rows/dedupe-plan.js';
import type { Pair, PairAction, PairOutcome } from '../rows/pair.js';
import { settleSlot, type RowTally } from './row-outcome.js';

type Kind = 'applied' | 'not_attempted' | 'retryable' | 'permanent' | 'from_state';
const KINDS: readonly Kind[] = ['applied', 'not_attempted', 'retryable', 'permanent', 'from_state'];
const CODES: readonly RowErrorCode[] = [
  'agent_not_found', 'chat_not_found', 'unauthorized', 'forbidden', 'bad_request', 'rate_limited', 'server_error',
  'network_error', 'timeout', 'unconfirmed', 'agent_unresolved', 'ambiguous_agent', 'invalid_phone',
];

function encode(outcome: PairOutcome): number {
  const kind: Kind = outcome.kind === 'failed' ? (outcome.retryable ? 'retryable' : 'permanent') : outcome.kind === 'applied' && outcome.fromState ? 'from_state' : outcome.kind;
  const code = outcome.kind === 'applied' || outcome.code === undefined ? 0 : CODES.indexOf(outcome.code) + 1;
  return KINDS.indexOf(kind) + 1 + (code << 3);
}

/** The owner's outcome as the borrower sees it: the same kind and code; the message is the borrower's own. */
function decode(value: number, name: string | undefined): PairOutcome | undefined {
  if (value === 0) return undefined;
  const kind = KINDS[(value & 7) - 1] ?? 'retryable';
  const code = CODES[(value >> 3) - 1];
  if (kind === 'applied' || kind === 'from_state') return { kind: 'applied', ...(kind === 'from_state' ? { fromState: true } : {}), ...(name === undefined ? {} : { name }) };
  if (kind === 'not_attempted') return { kind, ...(code ? { code } : {}), message: 'not sent, the run stopped' };
  return { kind: 'failed', code: code ?? 'network_error', retryable: kind === 'retryable', message: '' };
}

export class SharedAgents {
  private readonly waiting = new Map<string, ((outcome: PairOutcome) => void)[]>();
  private readonly names = new Map<string, string>();

  constructor(private readonly seen: PairSet) {}

  /** A pair owned by some row has ended (sent, failed, not sent because the run stopped, or carried from an earlier session). */
  settled(pair: Pair, outcome: PairOutcome, action?: PairAction): void {
    const key = claimKey(pair, action);
    this.seen.setOutcome(key, encode(outcome));
    if (outcome.kind === 'applied' && outcome.name) this.names.set(pair.agent, outcome.name);
    const borrowers = this.waiting.get(key);
    if (!borrowers) return;
    this.waiting.delete(key);
    const known = decode(encode(outcome), this.names.get(pair.agent));
    for (const borrower of borrowers) borrower(known!);
  }

  /** Settles slot `slot` of a later row from the owner's outcome; calls `done` when that completes the row. */
  borrow(tally: RowTally, slot: number, pair: Pair, done: (tally: RowTally) => void, action?: PairAction): void {
    const key = claimKey(pair, action);
    const settle = (outcome: PairOutcome): void => {
      if (settleSlot(tally, slot, outcome)) done(tally);
    };
    const known = decode(this.seen.outcomeOf(key), this.names.get(pair.agent));
    if (known) return settle(known);
    const list = this.waiting.get(key);
    if (list) list.push(settle);
    else this.waiting.set(key, [settle]);
  }
}
