// What planning a row needs to know of the file and the flags, built once per run the same way
// for run, validate and plan, so the three read a row alike.
import type { ColumnMap, ColumnOverrides } from '../input/columns.js';
import { findReassignColumns } from '../input/reassign-columns.js';
import { findActionColumn } from '../input/action-column.js';
import type { PlanContext } from '../rows/plan.js';
import type { TeamIndex } from '../rows/team.js';
import type { RunOptions } from './options.js';

export function planContextFor(header: readonly string[], columns: ColumnMap, options: Pick<RunOptions, 'waba' | 'defaultCountry'> & { assign?: boolean }, team?: TeamIndex): PlanContext {
  const actionColumn = findActionColumn(header);
  const assignColumn = header.findIndex((name) => /^\W*assign(ed)?[\s_.-]*to\W*$/i.test(name.trim()));
  return { header, columns, fixedWaba: options.waba, defaultCountry: options.defaultCountry, team, ...(actionColumn === undefined ? {} : { actionColumn }), ...fromColumnOf(header), ...(assignColumn === -1 ? {} : { assignColumn }), ...(options.assign ? { assign: true } : {}) };
}

/** In a reassignment file (from- and to-agent columns) the to-agents are the agent column, unless --agent-column says otherwise. */
export function overridesFor(header: readonly string[], overrides: ColumnOverrides): ColumnOverrides {
  const reassign = findReassignColumns(header);
  return reassign && overrides.agent === undefined ? { ...overrides, agent: header[reassign.to] } : overrides;
}

/** The from-agents column of a reassignment file, for retry.csv. */
export function fromColumnOf(header: readonly string[]): { fromColumn?: number } {
  const from = findReassignColumns(header)?.from;
  return from === undefined ? {} : { fromColumn: from };
}
