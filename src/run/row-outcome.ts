// A row in flight: one slot per agent, filled with the pair's outcome as it settles (sent in
// several requests, coalesced with other rows, borrowed from an earlier row, or never sent). When
// the last slot is filled the row's result is rowFromPairs of the slots, and the pairs it owns
// are what the journal records.
import type { PairAction, PairOutcome } from '../rows/pair.js';
import type { JournalPair } from '../output/journal.js';
import type { Change } from '../output/undo-file.js';
import type { SendPlan } from '../rows/plan.js';
import type { RowResult } from '../rows/row-result.js';
import { rowFromPairs, type RowAgent } from './row-from-pairs.js';

export { NOT_SENT_MESSAGE } from './row-from-pairs.js';

export interface AgentSlot {
  raw: string;
  /** E.164 digits when the agent has a number (an unknown e-mail has none). */
  digits?: string;
  /** The member's name from the team directory, used when the answer gives none. */
  name?: string;
  /** The earlier row that owns this pair (borrowed), if any. */
  ownerRow?: number;
  /** Its place in the cell. */
  at?: number;
  outcome?: PairOutcome;
}

export interface RowTally {
  row: number;
  waba: string;
  customer: string;
  agents: AgentSlot[];
  open: number;
  /** Real sends that carried this row. */
  sends: number;
  /** The row's own action (an action column), when it has one. */
  action?: PairAction;
  /** A --mirror removal (one pair, no input row): written to removals.csv, not results.csv. */
  removal?: true;
}

/** The tally of a planned row: sent agents first (slot i = plan.agents[i]), then borrowed ones, then those the directory does not know (already settled). */
export function tallyFor(plan: SendPlan): RowTally {
  const agents: AgentSlot[] = plan.agents.map((agent) => ({ ...agent }));
  for (const { agent, firstRow } of plan.shared ?? []) agents.push({ ...agent, ownerRow: firstRow });
  for (const agent of plan.notFound ?? []) {
    agents.push({ raw: agent.raw, ...(agent.at === undefined ? {} : { at: agent.at }), outcome: { kind: 'failed', code: 'agent_not_found', retryable: false, message: agent.message } });
  }
  const open = agents.filter((slot) => !slot.outcome).length;
  return { row: plan.row, waba: plan.waba, customer: plan.customer, agents, open, sends: 0, ...(plan.action ? { action: plan.action } : {}) };
}

/** Fills one open slot; returns true when it was the row's last. */
export function settleSlot(tally: RowTally, slot: number, outcome: PairOutcome): boolean {
  const agent = tally.agents[slot];
  if (!agent || agent.outcome) return false;
  const named = outcome.kind === 'applied' && !outcome.name && agent.name ? { ...outcome, name: agent.name } : outcome;
  agent.outcome = named;
  tally.open--;
  return tally.open === 0;
}

export function summariseRow(tally: RowTally): RowResult {
  // Slots are in sending order (own, borrowed, unknown); the row reads in the cell's order.
  const inCell = tally.agents.map((slot, i) => ({ slot, at: slot.at ?? i })).sort((a, b) => a.at - b.at);
  const agents: RowAgent[] = inCell.map(({ slot }) => ({
    raw: slot.raw,
    outcome: slot.outcome ?? { kind: 'not_attempted', message: 'not sent, the run stopped' },
    ...(slot.ownerRow === undefined ? {} : { ownerRow: slot.ownerRow }),
  }));
  return rowFromPairs(tally.row, agents, tally.sends);
}

/** The settled pairs this row owns (not borrowed, with a number): what the journal and the state record. */
export function ownedPairs(tally: RowTally): JournalPair[] {
  const pairs: JournalPair[] = [];
  for (const slot of tally.agents) {
    if (slot.ownerRow === undefined && slot.digits !== undefined && slot.outcome) pairs.push({ agent: slot.digits, raw: slot.raw, outcome: slot.outcome });
  }
  return pairs;
}

/** The pairs a row changed: its own pairs applied now (not those --state already held), with the row's action. */
export function changesOf(waba: string, customer: string, pairs: readonly JournalPair[], action: PairAction): Change[] {
  const changes: Change[] = [];
  for (const pair of pairs) if (pair.outcome.kind === 'applied' && !pair.outcome.fromState) changes.push({ action, waba, customer, agent: pair.agent });
  return changes;
}
