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
  /** A reassignment row's from-agent: removed once the row's adds went through. */
  action?: PairAction;
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
  /** A reassignment row: slots from here on are its from-agents; `afterAdds` runs once every slot before them is settled. */
  fromStart?: number;
  afterAdds?: () => void;
  /** The agent to make the chat's assignee after the adds (--assign, assign_to), and how that went. */
  assignTo?: { raw: string; digits: string };
  assigned?: 'yes' | 'no';
  assignFailure?: Extract<PairOutcome, { kind: 'failed' }>;
}

/** The tally of a planned row: sent agents first (slot i = plan.agents[i]), then borrowed ones, then those the directory does not know (already settled). */
export function tallyFor(plan: SendPlan): RowTally {
  // Copied with Object.assign, not a spread: each slot is given its outcome later, and V8 adds a
  // property to a spread copy on a slow path (README, "Performance").
  const agents: AgentSlot[] = plan.agents.map((agent) => Object.assign({}, agent));
  for (const { agent, firstRow } of plan.shared ?? []) agents.push(Object.assign({}, agent, { ownerRow: firstRow }));
  for (const agent of plan.notFound ?? []) {
    agents.push({ raw: agent.raw, ...(agent.at === undefined ? {} : { at: agent.at }), outcome: { kind: 'failed', code: 'agent_not_found', retryable: false, message: agent.message } });
  }
  const fromStart = plan.from || plan.assignTo ? agents.length : undefined;
  for (const agent of plan.from ?? []) agents.push(Object.assign({}, agent, { action: 'remove' as const }));
  const open = agents.filter((slot) => !slot.outcome).length;
  return { row: plan.row, waba: plan.waba, customer: plan.customer, agents, open, sends: 0, ...(plan.action ? { action: plan.action } : {}), ...(fromStart === undefined ? {} : { fromStart }), ...(plan.assignTo ? { assignTo: plan.assignTo } : {}) };
}

/** Fills one open slot; returns true when it was the row's last. */
export function settleSlot(tally: RowTally, slot: number, outcome: PairOutcome): boolean {
  const agent = tally.agents[slot];
  if (!agent || agent.outcome) return false;
  const named = outcome.kind === 'applied' && !outcome.name && agent.name ? Object.assign({}, outcome, { name: agent.name }) : outcome;
  agent.outcome = named;
  tally.open--;
  if (tally.afterAdds && tally.agents.slice(0, tally.fromStart).every((s) => s.outcome)) {
    const next = tally.afterAdds;
    tally.afterAdds = undefined;
    next();
  }
  return tally.open === 0;
}

/** Whether every agent a reassignment row puts on went through: only then are its from-agents taken off. */
export function addsWentThrough(tally: RowTally): boolean {
  return tally.agents.slice(0, tally.fromStart).every((slot) => slot.outcome?.kind === 'applied');
}

export function summariseRow(tally: RowTally): RowResult {
  // Slots are in sending order (own, borrowed, unknown); the row reads in the cell's order.
  const inCell = tally.agents.map((slot, i) => ({ slot, at: slot.at ?? i })).sort((a, b) => a.at - b.at);
  const agents: RowAgent[] = inCell.map(({ slot }) => ({
    raw: slot.raw,
    outcome: slot.outcome ?? { kind: 'not_attempted', message: 'not sent, the run stopped' },
    ...(slot.ownerRow === undefined ? {} : { ownerRow: slot.ownerRow }),
  }));
  // A failed assignment reads as a failure of the agent it was for: a rerun adds it again and assigns.
  if (tally.assignFailure && tally.assignTo) agents.push({ raw: tally.assignTo.raw, outcome: { ...tally.assignFailure, message: `assign: ${tally.assignFailure.message}` } });
  const result = rowFromPairs(tally.row, agents, tally.sends);
  return tally.assigned ? { ...result, assigned: tally.assigned } : result;
}

/** The settled pairs this row owns (not borrowed, with a number): what the journal and the state record. */
export function ownedPairs(tally: RowTally): JournalPair[] {
  const pairs: JournalPair[] = [];
  for (const slot of tally.agents) {
    if (slot.ownerRow === undefined && slot.digits !== undefined && slot.outcome) pairs.push({ agent: slot.digits, raw: slot.raw, outcome: slot.outcome, ...(slot.action ? { action: slot.action } : {}) });
  }
  return pairs;
}

/** The pairs a row changed: its own pairs applied now (not those --state already held), with the row's action. */
export function changesOf(waba: string, customer: string, pairs: readonly JournalPair[], action: PairAction, assignBack?: string): Change[] {
  const changes: Change[] = [];
  for (const pair of pairs) {
    if (pair.outcome.kind !== 'applied' || pair.outcome.fromState) continue;
    const change: Change = { action: pair.action ?? action, waba, customer, agent: pair.agent };
    changes.push(change.action === 'remove' && pair.agent === assignBack ? { ...change, assignTo: assignBack } : change);
  }
  return changes;
}

/** For undo: the agent a row with --assign took the chat from (its first from-agent), when the assignment went through. */
export function assignedFrom(tally: RowTally): string | undefined {
  return tally.assigned === 'yes' && tally.fromStart !== undefined ? tally.agents[tally.fromStart]?.digits : undefined;
}

/** What a from-agent ends as when the adds before it did not all go through: kept on, retryable only if the add is. */
export function keptOn(tally: RowTally): PairOutcome {
  const adds = tally.agents.slice(0, tally.fromStart).map((slot) => slot.outcome);
  const failed = adds.find((outcome) => outcome?.kind === 'failed');
  if (failed?.kind === 'failed') return { kind: 'failed', code: failed.code, retryable: failed.retryable, message: 'not removed: the agents to put on did not all go through' };
  return adds.find((outcome) => outcome?.kind === 'not_attempted') ?? { kind: 'not_attempted', message: 'not sent, the run stopped' };
}
