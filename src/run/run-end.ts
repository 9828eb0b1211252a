// The end of a run, whatever ended it: the journal gets this session's counts, the output files are
// completed, and summary.json describes the whole job (this session plus any earlier ones). A file
// that fails here is still reported in one sentence, never as a stack trace.
import type { Journal } from '../output/journal.js';
import type { RunOutputs } from '../output/outputs.js';
import type { ResumeState } from '../output/resume-state.js';
import { outPath } from '../output/run-dir.js';
import type { ColumnsRecord } from '../input/mapping.js';
import { buildSummary, EXIT, writeSummary, type RemovalCounts, type RunCounts, type ShardInfo, type Summary, type TeamDirectoryRecord } from '../output/summary.js';
import type { RunOptions } from './options.js';
import type { Sender } from './sender.js';
import type { StopControl } from './stop-control.js';

export interface RunEnd {
  options: RunOptions;
  started: Date;
  counts: RunCounts;
  stops: StopControl;
  sender: Sender;
  outputs: RunOutputs;
  journal: Journal;
  resume: ResumeState;
  inputError?: string;
  columns?: ColumnsRecord;
  shard?: ShardInfo;
  teamDirectory?: TeamDirectoryRecord;
  /** --mirror: what became of the removals, and the guard's hold (reported as the stop when nothing else stopped the run). */
  removals?: RemovalCounts;
  removalsHeld?: string;
}

export async function finishRun(end: RunEnd): Promise<Summary> {
  const { options, counts, stops } = end;
  const finished = new Date();
  end.journal.endSession({
    startedAt: end.started.toISOString(),
    finishedAt: finished.toISOString(),
    requests: counts.requests,
    retries: counts.retries,
    rateLimited: counts.rateLimited,
    httpStatuses: counts.httpStatuses,
    sendSeconds: end.sender.sendSeconds,
  });
  const journalError = end.journal.close();
  if (journalError) stops.stop('output_unwritable', `cannot write ${outPath(options.outDir, 'journal')} (${(journalError as NodeJS.ErrnoException).code ?? journalError.message})`);
  await end.outputs.close();
  const summary = buildSummary(counts, {
    input: options.input,
    outDir: options.outDir,
    action: options.action,
    dryRun: options.dryRun,
    resumed: options.resume,
    rate: options.rate,
    rateAuto: options.rateAuto,
    started: end.started,
    finished,
    stop: stops.reason ?? (end.removalsHeld ? 'too_many_removals' : undefined),
    stopMessage: stops.reason ? stops.detail : end.removalsHeld,
    inputError: end.inputError,
    sendSeconds: end.sender.sendSeconds,
    prior: end.resume.prior,
    columns: end.columns,
    shard: end.shard,
    teamDirectory: end.teamDirectory,
    removals: end.removals,
  });
  try {
    await writeSummary(outPath(options.outDir, 'summary'), summary);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    summary.stoppedBecause ??= 'output_unwritable';
    summary.stopMessage ??= `cannot write ${outPath(options.outDir, 'summary')} (${code})`;
    if (summary.exitCode === EXIT.ok || summary.exitCode === EXIT.incomplete) summary.exitCode = EXIT.stopped;
  }
  return summary;
}
