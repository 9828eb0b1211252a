// Applies whole-file duplicate detection to a send plan: each (WABA, customer, agent) triple is
// sent by the first row that names it; later rows drop it, and a row left with nothing to send
// is a `duplicate` pointing at the first row.
import type { PairSet } from './dedupe.js';
import type { RowPlan, SendPlan } from './plan.js';

export function dedupePlan(plan: SendPlan, seen: PairSet): RowPlan {
  const fresh = [];
  let firstRow: number | undefined;
  for (const agent of plan.agents) {
    const earlier = seen.claim(`${plan.waba}|${plan.customer}|${agent.digits}`, plan.row);
    if (earlier === undefined) fresh.push(agent);
    else firstRow ??= earlier;
  }
  if (fresh.length > 0) return fresh.length === plan.agents.length ? plan : { ...plan, agents: fresh };
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
