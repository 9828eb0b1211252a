// `collab-bulk validate`: reads the input exactly as `run` does (same source, reader, columns,
// row planning and whole-file dedupe) and counts what it finds, without sending anything or
// writing any file. The report says, per kind of problem, how many rows and which ones. With
// --online it also reads the team directory (GET /team, never a collaborator request), so unknown
// agents, e-mails and names are checked before the night of the run.
import type { Readable } from 'node:stream';
import { describeColumns, type ColumnsRecord } from '../input/mapping.js';
import { EXIT } from '../output/summary.js';
import { PairSet } from '../rows/dedupe.js';
import { dedupePlan } from '../rows/dedupe-plan.js';
import { planRow, unknownAgents, type SendPlan } from '../rows/plan.js';
import type { RowResult } from '../rows/row-result.js';
import { resolveRunOptions, type RunInput } from './options.js';
import { openPlannedInput } from './planned-input.js';

/** The reading flags of `run`; with `online`, also the key and base URL to read the team directory. */
export type ValidateInput = Pick<RunInput, 'input' | 'customerColumn' | 'wabaColumn' | 'agentColumn' | 'waba' | 'defaultCountry' | 'delimiter' | 'encoding'> &
  Partial<Pick<RunInput, 'apiKey' | 'baseUrl' | 'timeout'>> & { online?: boolean };

export const SAMPLE_ROWS = 5;

export interface ProblemKind {
  /** The error code results.csv would show, or `duplicate`. */
  kind: string;
  rows: number;
  /** The first few row numbers of this kind, in file order. */
  samples: number[];
  /** The message of the first such row. */
  example: string;
}

export interface ValidateReport {
  input: string;
  delimiter: string;
  encoding: string;
  /** The columns chosen for each role (the mapping line is printed first). */
  columns: ColumnsRecord;
  rows: number;
  invalid: number;
  /** Invalid rows by error code, most common first. */
  problems: ProblemKind[];
  /** Rows `run` would send only partly (some agents are no team members): `partial`, not invalid. */
  partial: ProblemKind | undefined;
  /** Rows `run` would not send because an earlier row already names the same chat and agents. */
  duplicates: ProblemKind | undefined;
  /** Report titles and footers (`skipped` / `not_a_row`): not rows, so not counted in `rows`. */
  skipped: ProblemKind | undefined;
  /** With --online: what the team directory said (members read, or why it could not be). */
  directory?: string;
  /** 0 when every row is valid, 2 otherwise (as for `run --dry-run`). */
  exitCode: number;
}

export async function validateFile(given: ValidateInput, hooks: { stdin?: Readable; env?: NodeJS.ProcessEnv } = {}): Promise<ValidateReport> {
  // The same normalisation as `run`, so a flag is accepted or refused with the same words. Offline
  // no API key is needed since nothing is sent, and no environment is read for the same reason;
  // --online reads the key and base URL as `run` does, for GET /team only.
  const { online = false, ...reading } = given;
  const options = resolveRunOptions({ ...reading, dryRun: !online }, online ? (hooks.env ?? process.env) : {});
  const { delimiter, encoding, header, records, columns, directory, context, conflicts } = await openPlannedInput(options, online, hooks.stdin);
  const seen = new PairSet();
  const byKind = new Map<string, ProblemKind>();
  let rows = 0;
  let invalid = 0;
  for await (const record of records) {
    if (record.notARow === undefined) rows++;
    const planned = conflicts ? conflicts.check(planRow(record, context)) : planRow(record, context);
    const plan = planned.kind === 'send' ? dedupePlan(planned, seen) : planned;
    const result = plan.kind === 'done' ? plan.result : predictPartial(plan);
    if (result === undefined) continue;
    // Agents the directory does not know (status failed) will not go through either.
    if (result.status === 'invalid' || result.status === 'failed') invalid++;
    tally(byKind, result);
  }
  const [duplicates, skipped, partial] = (['duplicate', 'not_a_row', 'partial'] as const).map((kind) => {
    const entry = byKind.get(kind);
    byKind.delete(kind);
    return entry;
  });
  const problems = [...byKind.values()].sort((a, b) => b.rows - a.rows || a.kind.localeCompare(b.kind));
  return {
    input: options.input,
    delimiter,
    encoding,
    columns: describeColumns(header, columns, options.waba !== undefined),
    rows,
    invalid,
    problems,
    partial,
    duplicates,
    skipped,
    ...(directory ? { directory: directory.line } : {}),
    exitCode: invalid === 0 && !partial ? EXIT.ok : EXIT.incomplete,
  };
}

/** A row with members to send and agents the directory does not know: `run` sends the members and reports the row partial. */
function predictPartial(plan: SendPlan): RowResult | undefined {
  if (!plan.notFound?.length) return undefined;
  const unknown = plan.notFound.map((agent) => `agent ${agent.raw}: ${agent.message}`).join('; ');
  return { row: plan.row, status: 'partial', errorCode: 'agent_not_found', errorMessage: `${unknown} (the other agents are sent)`, attempts: 0, retryable: false };
}

function tally(byKind: Map<string, ProblemKind>, result: RowResult): void {
  const kind = result.status === 'invalid' || result.status === 'skipped' || result.status === 'failed' ? (result.errorCode ?? result.status) : result.status;
  const entry = byKind.get(kind);
  if (entry === undefined) {
    byKind.set(kind, { kind, rows: 1, samples: [result.row], example: `row ${result.row}: ${result.errorMessage ?? kind}` });
    return;
  }
  entry.rows++;
  if (entry.samples.length < SAMPLE_ROWS) entry.samples.push(result.row);
}

/** The text `validate` prints: where the rows came from, one line per kind of problem, and a total. */
export function formatReport(report: ValidateReport): string {
  const source = `${report.input === '-' ? 'standard input' : report.input} (delimiter ${showDelimiter(report.delimiter)}, ${report.encoding})`;
  const kinds = [...report.problems, ...(report.partial ? [report.partial] : []), ...(report.duplicates ? [report.duplicates] : []), ...(report.skipped ? [report.skipped] : [])];
  const lines = [report.columns.line, ...(report.directory ? [report.directory] : []), `${source}: ${report.rows} ${report.rows === 1 ? 'row' : 'rows'} read`];
  if (kinds.length > 0) {
    const table = [['problem', 'rows', 'first rows', 'first message'], ...kinds.map(tableRow)];
    const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
    for (const cells of table) {
      const [kind = '', count = '', samples = '', example = ''] = cells;
      lines.push(`  ${kind.padEnd(widths[0] ?? 0)}  ${count.padStart(widths[1] ?? 0)}  ${samples.padEnd(widths[2] ?? 0)}  ${example}`.trimEnd());
    }
  }
  lines.push(totalLine(report));
  return `${lines.join('\n')}\n`;
}

function tableRow(kind: ProblemKind): string[] {
  const more = kind.rows > kind.samples.length ? ', …' : '';
  const note = kind.kind === 'duplicate' ? ' (sent once; not an error)' : kind.kind === 'not_a_row' ? ' (skipped; not an error)' : '';
  // Never cut: the end of a message is the flag that fixes it. Values inside messages are bounded where they are quoted.
  return [kind.kind, String(kind.rows), `${kind.samples.join(', ')}${more}`, `${kind.example}${note}`];
}

function totalLine(report: ValidateReport): string {
  const valid = report.rows - report.invalid;
  const dupes = report.duplicates ? `, ${report.duplicates.rows} of them duplicates of earlier rows` : '';
  const partial = report.partial ? `; ${report.partial.rows} of the valid rows partial (some agents are no team members)` : '';
  if (report.invalid === 0 && partial) return `total: all ${report.rows} rows are valid${dupes}${partial}`;
  if (report.invalid === 0) return report.rows === 1 ? 'total: the one row is valid' : `total: all ${report.rows} rows are valid${dupes}`;
  return `total: ${report.invalid} of ${report.rows} rows invalid; ${valid} valid${dupes}${partial}`;
}

function showDelimiter(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}
