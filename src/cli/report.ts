// What a person (or the morning shift reading a cron mail) sees when a run ends: a short block on
// stderr with the counts per status, the top reasons rows did not go through (with example row
// numbers), the achieved rate, the duration, where the files are and the exact command to run next.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { FILES } from '../output/run-dir.js';
import { topReasons, type RunRecord } from '../output/run-record.js';
import type { StopReason, Summary } from '../output/summary.js';
import { formatDuration } from '../run/progress-figures.js';
import type { NextStep } from './next-step.js';

export const STOP_LINES: Record<StopReason, string> = {
  interrupted: 'stopped by an interrupt: rows not sent are in retry.csv; rows not yet read are in no file (the next step below says how to finish)',
  credentials_rejected: 'stopped: the API key was rejected (401 from GET /team or several requests, or 403 for several chats in a row); check the key, then rerun retry.csv',
  error_rate_exceeded: 'stopped: more rows failed than --max-error-rate allows; see results.csv before rerunning',
  input_unreadable: 'stopped: the input could not be read to its end; results.csv holds the rows read before that',
  api_unreachable: 'stopped: the API could not be reached; check --base-url and the network, then rerun retry.csv',
  endpoint_not_found: 'stopped: the API answered 404 Not Found to every request; check --base-url, then rerun retry.csv',
  output_unwritable: 'stopped: an output file could not be written; nothing more was sent',
  server_wait_too_long: 'stopped: the API asked for a pause of more than 15 minutes; finish later with --resume',
  redis_unavailable: 'stopped: the shared rate limit in Redis could not be reached; rows not sent are in retry.csv (or finish with --resume)',
  too_many_removals: 'held: --mirror planned more removals than --max-removals allows, so none was sent (the adds ran); see removals.csv',
};

export interface EndOfRun {
  summary: Summary;
  /** The run's own record (reasons with example rows, retry rows); a merge of shards has none. */
  record?: RunRecord;
  next?: NextStep;
  /** report.html, when it was written. */
  reportPath?: string;
}

export function formatSummary({ summary, record, next, reportPath }: EndOfRun): string {
  const counts = Object.entries(summary.statuses)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const limit = summary.rateLimit > 0 ? ` (${summary.rateAuto ? `rate auto, at most ${summary.rateLimit}/s` : `limit ${summary.rateLimit}/s`})` : '';
  const lines = [
    `${summary.dryRun ? 'Dry run' : 'Done'}: ${summary.rows} rows in ${formatDuration(summary.durationSeconds)}${counts ? `: ${counts}` : ''}.`,
    // Two lines, one decimal: each stays inside an 80-column terminal with the counts of a million-row run.
    `  ${summary.requestsSent} requests (${summary.retries} retries, ${summary.rateLimited} throttled with 429),`,
    `  ${Math.round(summary.requestsPerSecond * 10) / 10} requests/s achieved${limit}.`,
    ...(summary.stoppedBecause ? [summary.stopMessage ? `stopped: ${summary.stopMessage}` : STOP_LINES[summary.stoppedBecause]] : []),
    ...(summary.inputError ? [`  ${summary.inputError}`] : []),
    ...(record ? reasonLines(record) : []),
    'Files:',
    `  results: ${join(summary.outDir, FILES.results)}`,
    `  retry:   ${join(summary.outDir, FILES.retry)}${record ? ` (${record.retryRows} ${record.retryRows === 1 ? 'row' : 'rows'})` : ''}`,
    `  summary: ${join(summary.outDir, FILES.summary)}`,
    ...(reportPath ? [`  report:  ${reportPath}`] : []),
    ...(next ? [`Next: ${next.advice}`, ...(next.command ? [`  ${next.command}`] : [])] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function reasonLines(record: RunRecord): string[] {
  const reasons = topReasons(record, 5);
  if (reasons.length === 0) return [];
  const width = Math.max(...reasons.map((r) => r.code.length));
  return [
    'Why rows did not go through:',
    ...reasons.map((r) => {
      const rows = `${r.count === 1 ? 'row' : 'rows'} ${r.rows.join(', ')}${r.count > r.rows.length ? ', …' : ''}`;
      return `  ${r.code.padEnd(width)}  ${String(r.count).padStart(5)}  (${rows}): ${r.example}`;
    }),
  ];
}

export function printSummary(end: EndOfRun, logger: Logger, write: (text: string) => void): void {
  logger.info({ exitCode: end.summary.exitCode, statuses: end.summary.statuses, requests: end.summary.requestsSent }, 'run finished');
  write(formatSummary(end));
}
