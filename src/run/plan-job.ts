// `collab-bulk plan`: reads the input and the state exactly as `run --state` would and says what
// that run would do, pair by pair, without sending anything: to add, to retry (failed in an earlier
// run), unchanged, to remove (--mirror) and invalid rows, with the removal guard's verdict. It
// writes plan.csv to --out; the state is only read (no lock, nothing recorded).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import { describeColumns } from '../input/mapping.js';
import { createCsvFile, type CsvFile } from '../output/csv-file.js';
import { EXIT } from '../output/summary.js';
import { PairSet } from '../rows/dedupe.js';
import { dedupePlan } from '../rows/dedupe-plan.js';
import type { Pair } from '../rows/pair.js';
import { planRow, type SendPlan } from '../rows/plan.js';
import { isAppliedState } from '../state/pair-state.js';
import { judgeRemovals, type RemovalVerdict } from '../state/removal-guard.js';
import { openState, type StateStore } from '../state/store.js';
import type { RunOptions } from './options.js';
import { inShard } from './shard.js';
import { openPlannedInput } from './planned-input.js';

export const PLAN_COLUMNS = ['action', 'waba_number', 'customer_phone', 'agent_phone', 'row', 'reason'] as const;
export type PlanAction = 'add' | 'retry' | 'unchanged' | 'remove' | 'invalid';

export interface PlanReport {
  columnsLine: string;
  directory?: string;
  counts: Record<PlanAction, number>;
  /** With --mirror: the guard's verdict on the planned removals (held when the input was damaged, too). */
  guard?: RemovalVerdict & { damagedRow?: number };
  planFile: string;
  exitCode: number;
}

export async function planJob(options: RunOptions, online: boolean, stdin?: Readable): Promise<PlanReport> {
  if (!options.statePath) throw new UsageError('plan needs --state FILE: it compares the input with what the state holds');
  const { header, records, columns, directory, context, conflicts } = await openPlannedInput(options, online, stdin);
  const store = openState(options.statePath, { mode: 'plan', ...(options.shard ? { shard: options.shard } : {}) });
  mkdirSync(options.outDir, { recursive: true });
  const planFile = join(options.outDir, 'plan.csv');
  const file = createCsvFile(planFile);
  file.write(PLAN_COLUMNS);
  const counts: Record<PlanAction, number> = { add: 0, retry: 0, unchanged: 0, remove: 0, invalid: 0 };
  const line = async (action: PlanAction, pair: Partial<Pair>, row: number | '', reason: string): Promise<void> => {
    counts[action]++;
    if (!file.write([action, pair.waba ?? '', pair.customer ?? '', pair.agent ?? '', String(row), reason])) await file.drained();
  };
  try {
    const seen = new PairSet();
    let damagedRow: number | undefined;
    for await (const record of records) {
      const planned = conflicts ? conflicts.check(planRow(record, context)) : planRow(record, context);
      if (!inShard(planned, options.shard)) continue;
      const plan = planned.kind === 'send' ? dedupePlan(planned, seen) : planned;
      if (plan.kind === 'send') {
        await planPairs(store, plan, options.action, line);
        continue;
      }
      const { result } = plan;
      if (result.errorCode === 'malformed_row' || result.errorCode === 'bad_encoding') damagedRow ??= result.row;
      if (plan.chat && options.mirror) store.seeChat(plan.chat.waba, plan.chat.customer);
      if (result.status === 'invalid' || result.status === 'failed') await line('invalid', plan.chat ?? {}, result.row, `${result.errorCode ?? result.status}: ${result.errorMessage ?? ''}`);
    }
    const guard = options.mirror ? await planRemovals(store, options, damagedRow, line) : undefined;
    await file.close();
    return {
      columnsLine: describeColumns(header, columns, options.waba !== undefined).line,
      ...(directory ? { directory: directory.line } : {}),
      counts,
      ...(guard ? { guard } : {}),
      planFile,
      exitCode: guard?.hold ? EXIT.stopped : EXIT.ok,
    };
  } finally {
    store.close();
  }
}

type Line = (action: PlanAction, pair: Partial<Pair>, row: number | '', reason: string) => Promise<void>;

async function planPairs(store: StateStore, plan: SendPlan, runAction: RunOptions['action'], line: Line): Promise<void> {
  const action = plan.action ?? runAction;
  for (const agent of plan.agents) {
    const pair = { waba: plan.waba, customer: plan.customer, agent: agent.digits };
    const state = store.see(pair);
    if (action === 'add' && isAppliedState(state)) await line('unchanged', pair, plan.row, `applied in run ${state!.runId}`);
    else if (state?.action === action && state.outcome === 'failed') await line('retry', pair, plan.row, `failed in run ${state.runId} (${state.code ?? 'failed'})`);
    else await line(action, pair, plan.row, state ? `last ${state.action} ${state.outcome} in run ${state.runId}` : 'not in the state yet');
  }
  // A reassignment row's from-agents go once every agent it puts on went through.
  for (const agent of plan.from ?? []) await line('remove', { waba: plan.waba, customer: plan.customer, agent: agent.digits }, plan.row, 'from-agent: removed once the row\'s adds went through');
  for (const agent of plan.notFound ?? []) await line('invalid', { waba: plan.waba, customer: plan.customer }, plan.row, `agent_not_found: agent ${agent.raw}: ${agent.message}`);
}

async function planRemovals(store: StateStore, options: RunOptions, damagedRow: number | undefined, line: Line): Promise<RemovalVerdict & { damagedRow?: number }> {
  const { planned, added } = store.removalFigures();
  for (const pair of store.removalCandidates()) await line('remove', pair, '', 'no longer in the input');
  const verdict = judgeRemovals(planned, added, options.maxRemovals);
  if (damagedRow === undefined || planned === 0) return verdict;
  return { hold: true, allowed: verdict.allowed, damagedRow, sentence: `row ${damagedRow} could not be read as a record, so the export may be damaged: run would hold every removal` };
}

/** The lines `plan` prints: one per kind, then the guard's verdict and where plan.csv is. */
export function formatPlan(report: PlanReport): string {
  const { counts } = report;
  const lines = [report.columnsLine, ...(report.directory ? [report.directory] : [])];
  lines.push(`to add: ${counts.add} pairs`, `to retry: ${counts.retry} pairs (failed in an earlier run)`, `unchanged: ${counts.unchanged} pairs (already applied: not sent)`);
  lines.push(report.guard ? `to remove: ${counts.remove} pairs (--mirror)` : 'to remove: none (no --mirror)');
  lines.push(`invalid: ${counts.invalid} (rows or agents that cannot be sent)`);
  if (report.guard) lines.push(report.guard.hold ? `guard: hold: ${report.guard.sentence ?? ''}` : `guard: pass (${counts.remove} removals, at most ${report.guard.allowed} allowed)`);
  lines.push(`plan.csv: ${report.planFile}`);
  return `${lines.join('\n')}\n`;
}
