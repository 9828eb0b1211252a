// What planning a row needs to know of the file and the flags, built once per run the same way
// for run, validate and plan, so the three read a row alike.
import type { ColumnMap } from '../input/columns.js';
import { findActionColumn } from '../input/action-column.js';
import type { PlanContext } from '../rows/plan.js';
import type { TeamIndex } from '../rows/team.js';
import type { RunOptions } from './options.js';

export function planContextFor(header: readonly string[], columns: ColumnMap, options: Pick<RunOptions, 'waba' | 'defaultCountry'>, team?: TeamIndex): PlanContext {
  const actionColumn = findActionColumn(header);
  return { header, columns, fixedWaba: options.waba, defaultCountry: options.defaultCountry, team, ...(actionColumn === undefined ? {} : { actionColumn }) };
}
