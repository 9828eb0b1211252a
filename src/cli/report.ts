// What a person (or the morning shift reading a cron mail) sees when a run ends: one block on
// stdout saying what happened and where the files are.
import type { Logger } from 'pino';
import { FILES } from '../output/run-dir.js';
import type { StopReason, Summary } from '../output/summary.js';
import { join } from 'node:path';

const STOP_LINES: Record<StopReason, string> = {
  interrupted: 'stopped by an interrupt: rows not sent are in retry.csv; rows not yet read are in no file, so finish with --resume',
  credentials_rejected: 'stopped: the API key was rejected (401/403) for several chats in a row; check the key, then rerun retry.csv',
  error_rate_exceeded: 'stopped: more rows failed than --max-error-rate allows; see results.csv before rerunning',
  input_unreadable: 'stopped: the input could not be read to its end; results.csv holds the rows read before that',
  api_unreachable: 'stopped: the API could not be reached; check --base-url and the network, then rerun retry.csv',
  endpoint_not_found: 'stopped: the API answered 404 Not Found to every request; check --base-url, then rerun retry.csv',
  output_unwritable: 'stopped: an output file could not be written; nothing more was sent',
  server_wait_too_long: 'stopped: the API asked for a pause of more than 15 minutes; finish later with --resume',
};

export function printSummary(summary: Summary, logger: Logger, out: NodeJS.WritableStream = process.stdout): void {
  const counts = Object.entries(summary.statuses)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const lines = [
    `${summary.dryRun ? 'Dry run' : 'Done'}: ${summary.rows} rows${counts ? ` (${counts})` : ''}; ${summary.requestsSent} requests, ${summary.retries} retries, ${summary.rateLimited} throttled (429), ${summary.durationSeconds}s.`,
    ...(summary.stoppedBecause ? [summary.stopMessage ? `stopped: ${summary.stopMessage}` : STOP_LINES[summary.stoppedBecause]] : []),
    ...(summary.inputError ? [`  ${summary.inputError}`] : []),
    `results: ${join(summary.outDir, FILES.results)}`,
    `retry:   ${join(summary.outDir, FILES.retry)}`,
    `summary: ${join(summary.outDir, FILES.summary)}`,
  ];
  out.write(`${lines.join('\n')}\n`);
  logger.info({ exitCode: summary.exitCode, statuses: summary.statuses, requests: summary.requestsSent }, 'run finished');
}
