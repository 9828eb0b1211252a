// Applies whole-file duplicate detection to a send plan: each (WABA, customer, agent) triple is
// sent by the first row that names it; later rows drop it, and a row left with nothing to send
// is a `duplicate` pointing at the first row.
import type { PairSet } from './dedupe.js';
import { unknownAgents, type RowPlan, type SendPlan } from './plan.js';

export function dedupePlan(plan: SendPlan, seen: PairSet): RowPlan {
  const fresh = [];
  let firstRow: number | undefined;
  for (const agent of plan.agents) {
    const earlier = seen.claim(`${plan.waba}|${plan.customer}|${agent.digits}`, plan.row);
    if (earlier === undefined) fresh.push(agent);
    else firstRow ??= earlier;
  }
  if (fresh.length > 0) return fresh.length === plan.agents.length ? plan : { ...plan, agents: fresh };
  // The unknown agents are still worth a line of their own: they were not sent by the earlier row either.
  if (plan.notFound && plan.notFound.length > 0) return unknownAgents(plan.row, plan.notFound);
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
