// A file whose rows say add or remove (an action column) is read once before anything is sent:
// a pair one row adds and another removes is a conflict, refused rather than raced, so both rows
// are `invalid` / `conflicting_actions`, each naming the other, and nothing is sent for them.
// Memory stays flat: two hash sets of the pairs (13 bytes a pair) and the few conflicts found.
import { UsageError } from '../errors.js';
import { readCsv } from '../input/reader.js';
import { openInput } from '../input/source.js';
import { PairSet } from '../rows/dedupe.js';
import { pairKey } from '../rows/pair.js';
import { planRow, type PlanContext, type RowPlan } from '../rows/plan.js';
import type { RunOptions } from './options.js';

export interface Conflicts {
  /** The row's plan, or an invalid one when it adds or removes a pair another row does the opposite to. */
  check(plan: RowPlan): RowPlan;
}

export async function findConflicts(options: RunOptions, context: PlanContext): Promise<Conflicts | undefined> {
  if (context.actionColumn === undefined) return undefined;
  if (options.input === '-') throw new UsageError('a file with an action column must be given as a file, not standard input: its adds and removes are checked against each other before anything is sent');
  const source = await openInput(options.input, options);
  const { records } = await readCsv(source.text, source.delimiter);
  const claimed = { add: new PairSet(), remove: new PairSet() };
  for await (const record of records) {
    const plan = planRow(record, context);
    if (plan.kind !== 'send') continue;
    const action = plan.action ?? options.action;
    for (const agent of plan.agents) {
      const key = pairKey({ waba: plan.waba, customer: plan.customer, agent: agent.digits });
      claimed[action].claim(key, plan.row);
    }
  }
  // A second read finds, for each row, a pair the other side claimed; the first such row is named.
  const byRow = new Map<number, string>();
  const source2 = await openInput(options.input, options);
  for await (const record of (await readCsv(source2.text, source2.delimiter)).records) {
    const plan = planRow(record, context);
    if (plan.kind !== 'send') continue;
    const action = plan.action ?? options.action;
    const other = action === 'add' ? 'remove' : 'add';
    for (const agent of plan.agents) {
      const otherRow = claimed[other].rowOf(pairKey({ waba: plan.waba, customer: plan.customer, agent: agent.digits }));
      if (otherRow !== undefined) byRow.set(plan.row, `agent ${agent.raw}: row ${otherRow} ${other}s the same collaborator of the same chat; fix one of the two rows`);
    }
  }
  return {
    check(plan) {
      const row = plan.kind === 'send' ? plan.row : plan.result.row;
      const message = byRow.get(row);
      if (message === undefined || plan.kind !== 'send') return plan;
      return { kind: 'done', result: { row, status: 'invalid', errorCode: 'conflicting_actions', errorMessage: message, attempts: 0, retryable: false }, chat: { waba: plan.waba, customer: plan.customer } };
    },
  };
}
