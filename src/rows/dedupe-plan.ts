// Applies whole-file duplicate detection to a send plan: each (WABA, customer, agent) triple is
// sent by the first row that names it; later rows drop it (and learn its outcome from that row),
// and a row left with nothing to send is a `duplicate` pointing at the first row.
import type { PairSet } from './dedupe.js';
import { pairKey, type Pair, type PairAction } from './pair.js';
import { unknownAgents, type AgentNumber, type RowPlan, type SendPlan } from './plan.js';

/** The key a pair is claimed under: a row's own remove of a pair is not a repeat of an add of it. */
export function claimKey(pair: Pair, action: PairAction | undefined): string {
  return action === 'remove' ? `${pairKey(pair)}|remove` : pairKey(pair);
}

export function dedupePlan(plan: SendPlan, seen: PairSet): RowPlan {
  const fresh = [];
  const shared: { agent: AgentNumber; firstRow: number }[] = [];
  let firstRow: number | undefined;
  for (const agent of plan.agents) {
    const earlier = seen.claim(claimKey({ waba: plan.waba, customer: plan.customer, agent: agent.digits }, plan.action), plan.row);
    if (earlier === undefined) fresh.push(agent);
    else {
      firstRow ??= earlier;
      shared.push({ agent, firstRow: earlier });
    }
  }
  // A row that keeps some agents sends those; the ones an earlier row sends are settled from that row's outcome.
  if (fresh.length > 0) return fresh.length === plan.agents.length ? plan : { ...plan, agents: fresh, shared };
  if (plan.notFound && plan.notFound.length > 0) {
    // Unknown agents are worth a line of their own (the earlier row did not send them either), and
    // the shared ones still report the earlier row's outcome.
    return shared.length > 0 ? { ...plan, agents: [], shared } : unknownAgents(plan.row, plan.notFound);
  }
  return {
    kind: 'done',
    result: {
      row: plan.row,
      status: 'duplicate',
      errorMessage: `same chat and agent as row ${firstRow}`,
      attempts: 0,
      retryable: false,
    },
  };
}
