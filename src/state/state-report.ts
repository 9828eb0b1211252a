// What `collab-bulk state FILE` prints, as plain lines from the state's readings: how many pairs
// stand where, the last runs with their counts and exit codes, and (with --pair) one pair's
// history. Pure, so the wording is tested without a terminal; the command only opens and prints.
import type { Pair } from '../rows/pair.js';
import type { PairEvent, RunLine, StateCounts } from './readings.js';

export interface StateReport {
  path: string;
  shard: string;
  counts: StateCounts;
  runs: RunLine[];
  /** With --pair: the pair and its events, oldest first. */
  pair?: { pair: Pair; events: PairEvent[] };
}

export function formatStateReport(report: StateReport): string {
  const { counts } = report;
  const lines = [
    `State ${report.path}${report.shard === '' ? '' : ` (shard ${report.shard})`}: ${counts.pairs} pairs`,
    `  applied (added, not sent again): ${counts.applied}`,
    `  failed (sent again next run):    ${counts.failedAdds + counts.failedRemovals} (${counts.failedAdds} adds, ${counts.failedRemovals} removals; ${counts.failedRetryable} retryable)`,
    `  removed:                         ${counts.removed}`,
    '',
  ];
  if (report.runs.length === 0) lines.push('No runs recorded yet.');
  else {
    lines.push(`Last ${report.runs.length} run${report.runs.length === 1 ? '' : 's'}, newest first:`);
    for (const run of report.runs) lines.push(`  ${runLine(run)}`);
  }
  if (report.pair !== undefined) lines.push('', ...pairLines(report.pair.pair, report.pair.events));
  return `${lines.join('\n')}\n`;
}

function runLine(run: RunLine): string {
  const mode = `${run.action}${run.mirror ? ' --mirror' : ''}${run.shard === undefined ? '' : ` --shard ${run.shard}`}`;
  const end =
    run.endedAt === undefined
      ? 'did not end (still running, or killed)'
      : `ended ${iso(run.endedAt)}, exit ${run.exitCode ?? '?'}${run.counts === undefined ? '' : `, ${countsText(run.counts)}`}`;
  return `#${run.id} ${iso(run.startedAt)} ${mode} ${run.input}: ${end}`;
}

/** summary.json's counts as "key value" pairs; nested objects (e.g. removals) one level deep. */
function countsText(counts: Record<string, unknown>): string {
  return Object.entries(counts)
    // An empty group (no error codes) or a null (no stop) says nothing.
    .filter(([, value]) => value !== null && (typeof value !== 'object' || Object.keys(value as object).length > 0))
    .map(([key, value]) =>
      value !== null && typeof value === 'object'
        ? `${key} (${Object.entries(value as Record<string, unknown>).map(([inner, n]) => `${inner} ${String(n)}`).join(', ')})`
        : `${key} ${String(value)}`,
    )
    .join(', ');
}

function pairLines(pair: Pair, events: PairEvent[]): string[] {
  const head = `Pair WABA +${pair.waba}, customer +${pair.customer}, agent +${pair.agent}`;
  if (events.length === 0) return [`${head}: nothing recorded (no run of this state sent it, or its history is older than the runs kept)`];
  return [
    `${head}, oldest first:`,
    ...events.map((event) => {
      const detail =
        event.outcome === 'applied'
          ? `applied${event.httpStatus === undefined ? '' : ` (HTTP ${event.httpStatus})`}`
          : `failed ${event.code ?? ''}${event.httpStatus === undefined ? '' : ` (HTTP ${event.httpStatus})`}${event.retryable ? ', retryable' : ''}${event.message ? `: ${event.message}` : ''}`;
      return `  ${iso(event.at)} run #${event.runId} row ${event.row}: ${event.action} ${detail}`;
    }),
  ];
}

const iso = (date: Date): string => date.toISOString().replace('.000Z', 'Z');
