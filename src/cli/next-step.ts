// The exact command to run after a run: finish it with --resume when it was interrupted, rerun
// retry.csv when rows are worth sending again, or nothing. Built from the flags the person gave,
// so the command reads the file the same way; the API key is never part of it. Pure.
import { join } from 'node:path';
import { FILES } from '../output/run-dir.js';
import type { Summary } from '../output/summary.js';
import { RUN_DEFAULTS, type RunInput } from '../run/options.js';

/** Stops after which the same input is finished where it left off: an interrupt leaves unread rows in no file, a broken output leaves no trustworthy retry.csv. */
const RESUMABLE = new Set(['interrupted', 'output_unwritable', 'server_wait_too_long']);

/** Flags carried into the next command when given with a value other than the default. */
const CARRIED: [keyof RunInput, string, unknown][] = [
  ['action', '--action', RUN_DEFAULTS.action],
  ['customerColumn', '--customer-column', undefined],
  ['wabaColumn', '--waba-column', undefined],
  ['agentColumn', '--agent-column', undefined],
  ['waba', '--waba', undefined],
  ['defaultCountry', '--default-country', undefined],
  ['delimiter', '--delimiter', undefined],
  ['encoding', '--encoding', RUN_DEFAULTS.encoding],
  ['baseUrl', '--base-url', undefined],
  ['rate', '--rate', RUN_DEFAULTS.rate],
  ['maxRate', '--max-rate', RUN_DEFAULTS.maxRate],
  ['concurrency', '--concurrency', undefined],
  ['maxRetries', '--max-retries', RUN_DEFAULTS.maxRetries],
  ['maxErrorRate', '--max-error-rate', undefined],
  ['excel', '--excel', false],
];

export interface NextStep {
  /** One sentence saying what to do. */
  advice: string;
  /** The command to run, when there is one. */
  command?: string;
}

export function nextStep(summary: Summary, given: RunInput, retryRows: number): NextStep {
  const flags = carriedFlags(given);
  if (summary.dryRun) {
    const command = ['collab-bulk', 'run', quote(given.input), ...flags].join(' ');
    return summary.statuses.invalid > 0
      ? { advice: 'fix the invalid rows listed in results.csv (or leave them out), then send for real:', command }
      : { advice: 'every row is ready; send them for real with:', command };
  }
  if (summary.stoppedBecause && RESUMABLE.has(summary.stoppedBecause) && given.input !== '-') {
    return {
      advice: 'finish this run where it stopped (rows already settled are not sent again):',
      command: ['collab-bulk', 'run', quote(given.input), '--out', quote(summary.outDir), '--resume', ...flags].join(' '),
    };
  }
  if (summary.stoppedBecause && RESUMABLE.has(summary.stoppedBecause)) {
    // Standard input cannot be read again: the rows after the last one read are in no file.
    const rest = `standard input cannot be resumed: send again the input's rows after data row ${summary.rows}`;
    if (retryRows === 0) return { advice: `${rest} (rows 1 to ${summary.rows} are in results.csv)` };
    return { advice: `${rest}, and rerun the ${retryRows} ${retryRows === 1 ? 'row' : 'rows'} worth sending again:`, command: ['collab-bulk', 'run', quote(join(summary.outDir, FILES.retry)), ...flags].join(' ') };
  }
  if (retryRows > 0) {
    const fix = summary.stoppedBecause === 'credentials_rejected' ? 'once the API key is fixed, ' : '';
    return {
      advice: `${fix}rerun the ${retryRows} ${retryRows === 1 ? 'row' : 'rows'} worth sending again:`,
      command: ['collab-bulk', 'run', quote(join(summary.outDir, FILES.retry)), ...flags].join(' '),
    };
  }
  const notDone = summary.rows - summary.statuses.succeeded - summary.statuses.duplicate - summary.statuses.skipped - (summary.statuses.unchanged ?? 0);
  if (notDone > 0) return { advice: `nothing to rerun: the ${notDone} rows not done need a fix in the data (see results.csv), not a retry` };
  return { advice: 'nothing left to do: every row went through' };
}

function carriedFlags(given: RunInput): string[] {
  const out: string[] = [];
  for (const [key, flag, fallback] of CARRIED) {
    const value = given[key];
    if (value === undefined || value === fallback) continue;
    if (typeof value === 'boolean') out.push(value ? flag : `--no-${flag.slice(2)}`);
    else out.push(flag, quote(String(value)));
  }
  return out;
}

/** Quotes a shell word only when it needs it. */
export function quote(word: string): string {
  if (word === '-') return '-';
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** What to do after quitting mid-run, for the one-line messages printed on the way out. */
export function finishHint(input: string): string {
  return input === '-' ? 'rerun retry.csv and send again the rows not yet read (standard input cannot be resumed)' : 'use --resume to finish';
}
