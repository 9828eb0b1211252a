// The input as `validate` and `plan` read it, the way `run` does: source, header, the first rows'
// sample for the columns, the team directory with --online, the plan context and the conflicts of
// a file with per-row actions. Nothing is sent but GET /team.
import type { Readable } from 'node:stream';
import { CollabBulkError } from '../errors.js';
import { findColumns, type ColumnChoice } from '../input/columns.js';
import { readCsv, type CsvRecord } from '../input/reader.js';
import { sampleRecords } from '../input/sample-records.js';
import { openInput } from '../input/source.js';
import { EXIT } from '../output/summary.js';
import type { PlanContext } from '../rows/plan.js';
import type { TeamIndex } from '../rows/team.js';
import { findConflicts, type Conflicts } from './conflicts.js';
import type { RunOptions } from './options.js';
import { overridesFor, planContextFor } from './plan-context.js';
import { checkTeam } from './team-check.js';

export interface PlannedInput {
  delimiter: string;
  encoding: string;
  header: readonly string[];
  records: AsyncIterable<CsvRecord>;
  columns: ColumnChoice;
  /** With --online: the directory, and the line saying what it gave. */
  directory?: { team?: TeamIndex; line: string };
  context: PlanContext;
  conflicts?: Conflicts;
}

export async function openPlannedInput(options: RunOptions, online: boolean, stdin?: Readable): Promise<PlannedInput> {
  const source = await openInput(options.input, options, stdin);
  const read = await readCsv(source.text, source.delimiter);
  const { header } = read;
  const { sample, records } = await sampleRecords(read.records);
  const columns = findColumns(header, overridesFor(header, options.columns), options.waba !== undefined, sample);
  const directory = online ? await readDirectory(options) : undefined;
  const context = planContextFor(header, columns, options, directory?.team);
  const conflicts = await findConflicts(options, context);
  return { delimiter: source.delimiter, encoding: source.encoding, header, records, columns, ...(directory ? { directory } : {}), context, ...(conflicts ? { conflicts } : {}) };
}

/** --online: the directory, or a refusal (exit 3) when the key is rejected; never a collaborator request. */
async function readDirectory(options: RunOptions): Promise<{ team?: TeamIndex; line: string }> {
  const check = await checkTeam({ ...options, dryRun: false, teamCheck: true });
  if (check.rejected) throw new CollabBulkError('unauthorized', `${check.rejected}; check --api-key or DOUBLETICK_API_KEY`, { exitCode: EXIT.stopped });
  if (check.team) return { team: check.team, line: `team directory: ${check.team.size} ${check.team.size === 1 ? 'member' : 'members'} read` };
  return { line: `team directory: could not be read (${check.unavailable ?? 'no answer'}); agents given by e-mail or name are left unresolved` };
}
