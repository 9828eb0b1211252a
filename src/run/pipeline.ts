// The run, end to end: read rows -> plan (conflicts, shard by chat, dedupe, the nightly state) ->
// send (throttled, coalesced, retried) -> write results in input order -> with --mirror, remove
// what the input no longer names. Each pair's outcome is recorded once, as data, in the journal
// and the state. Backpressure runs the whole way: the reader pulls the next row only while the
// ordered window has room, and the window waits for the writers to drain. One StopControl carries
// every stop (a signal at any moment, the guard, an output that fails).
import type { Readable } from 'node:stream';
import { CollabBulkError } from '../errors.js';
import { findColumns } from '../input/columns.js';
import { sampleRecords } from '../input/sample-records.js';
import { describeColumns, type ColumnsRecord } from '../input/mapping.js';
import { readCsv, type CsvRecord } from '../input/reader.js';
import { openInput } from '../input/source.js';
import { openJournal } from '../output/journal.js';
import { ResumeState } from '../output/resume-state.js';
import { outPath, prepareRunDir } from '../output/run-dir.js';
import { countRow, createCounts, type Summary } from '../output/summary.js';
import { PairSet } from '../rows/dedupe.js';
import { dedupePlan } from '../rows/dedupe-plan.js';
import { planRow, type RowPlan } from '../rows/plan.js';
import type { RowResult } from '../rows/row-result.js';
import { feedRows } from './feed-rows.js';
import { ForbiddenHold } from './forbidden-hold.js';
import { OrderedWindow } from './ordered-window.js';
import type { RunOptions } from './options.js';
import { assignedFrom, changesOf, ownedPairs } from './row-outcome.js';
import { finishRun } from './run-end.js';
import { findConflicts } from './conflicts.js';
import { openStateLink, type StateLink } from './state-link.js';
import { fromColumnOf, overridesFor, planContextFor } from './plan-context.js';
import { Mirror, whyNotComplete } from './mirror.js';
import { cannotWrite, openOutputs } from '../output/outputs.js';
import { trackReading } from './live-run.js';
import type { LiveRun } from './progress-figures.js';
import { createSender, type AnswerHook } from './sender.js';
import { SharedAgents } from './shared-agents.js';
import { inShard } from './shard.js';
import { STOPPED, StopControl } from './stop-control.js';
import { checkTeam, type TeamCheck } from './team-check.js';

export interface RunHooks {
  stdin?: Readable;
  /** Aborting stops the run, at any moment: nothing more is sent or read, and the outputs are completed. */
  signal?: AbortSignal;
  /** Called once the input's header is read and the run is about to start; `live` is there to poll for progress. */
  onStart?(info: { header: readonly string[]; outDir: string; columns: ColumnsRecord; live: LiveRun }): void;
  /** Something the person running it should know before the run goes on (one sentence). */
  onNotice?(message: string): void;
  /** Called as each row settles, in whatever order rows finish (before it is written). */
  onSettled?(result: RowResult): void;
  /** Called after each row is written to results.csv, in input order. */
  onRow?(result: RowResult): void;
  /** Called once per request answer (or network failure). */
  onAnswer?: AnswerHook;
}

export async function runJob(options: RunOptions, hooks: RunHooks = {}): Promise<Summary> {
  const started = new Date();
  const stops = new StopControl(hooks.signal);
  const stdin = hooks.stdin ?? process.stdin;
  const opening = (async () => {
    const source = await openInput(options.input, options, stdin);
    return { source, ...(await readCsv(source.text, source.delimiter)) };
  })();
  // A pipe that is still open would keep the process alive after an interrupt.
  stops.onReadingStopped(() => void (options.input === '-' && stdin.destroy()));
  const opened = await stops.race(opening);
  if (opened === STOPPED) throw new CollabBulkError('interrupted', 'stopped by an interrupt before the header was read: nothing was sent or written', { exitCode: 3 });
  const { source, header, headerRaw } = opened;
  stops.onReadingStopped(() => void source.text.destroy());
  // The first rows' cells decide between columns whose names promise a phone (issue 17).
  const { sample, records } = await sampleRecords(opened.records);
  const columns = findColumns(header, overridesFor(header, options.columns), options.waba !== undefined, sample);
  const mapping = describeColumns(header, columns, options.waba !== undefined);
  const dir = await prepareRunDir(options.outDir, options);
  if (options.resume && !dir.resuming) hooks.onNotice?.(`--resume: ${options.outDir} holds no run yet, so a fresh run starts there`);
  const resume = dir.resuming ? ResumeState.load(outPath(options.outDir, 'journal')) : ResumeState.empty();
  let state: StateLink | undefined;
  try {
    const fail = (message: string): void => stops.stop('output_unwritable', `${message}: nothing more is sent; free the space or fix the folder, then finish with --resume`);
    const outputs = openOutputs({ dir: options.outDir, header, headerRaw, delimiter: source.delimiter, encoding: source.encoding, bom: source.bom, agentColumn: columns.agent, ...fromColumnOf(header), excel: options.excel, onError: fail });
    state = openStateLink(options, started, fail);
    const removalsPath = outPath(options.outDir, 'removals');
    const mirror = options.mirror ? new Mirror(removalsPath, (error) => fail(cannotWrite(removalsPath, error))) : undefined;
    const journal = openJournal(outPath(options.outDir, 'journal'), started, (error) => fail(`cannot write ${outPath(options.outDir, 'journal')} (${(error as NodeJS.ErrnoException).code ?? error.message})`));
    const counts = createCounts();
    const seen = new PairSet();
    const shared = new SharedAgents(seen);
    const files = new ForbiddenHold(
      {
        write(record: CsvRecord, result) {
          countRow(counts, result);
          hooks.onRow?.(result);
          return outputs.write(record, result);
        },
        drained: () => outputs.drained(),
      },
      { undecided: () => sender.guard.forbiddenChats.size > 0, keyRejected: () => stops.reason === 'credentials_rejected', onRevised: (result) => journal.append(result) },
    );
    const reading = trackReading(source, () => sender);
    const window = new OrderedWindow(options.window, files, { opened: reading.read, settled: hooks.onSettled });
    const sender = createSender(options, counts, stops, (result, tally) => {
      const pairs = ownedPairs(tally);
      const action = tally.action ?? options.action;
      // A row nothing was tried for holds nothing a resume could use.
      // Object.assign, not `{ ...result, key }`: V8 adds each key after a spread on a slow path, 1 to 6 us a row (bench/results/HISTORY.md).
      if (result.status !== 'not_attempted') journal.append(Object.assign({}, result, { waba: tally.waba, customer: tally.customer }, tally.action ? { action } : undefined, { pairs }));
      state?.record(tally);
      if (tally.removal) mirror?.settled(result, tally);
      else window.finish(Object.assign({}, result, { changes: changesOf(tally.waba, tally.customer, pairs, action, assignedFrom(tally)) }));
    }, { startedAt: started.getTime(), shared, onAnswer: hooks.onAnswer, notice: hooks.onNotice });
    hooks.onStart?.({ header, outDir: options.outDir, columns: mapping, live: reading.live });
    const checked = await stops.race(checkTeam(options));
    const team: TeamCheck = checked === STOPPED ? {} : checked;
    if (team.notice) hooks.onNotice?.(team.notice);
    if (team.rejected) stops.stop('credentials_rejected', `${team.rejected}: nothing was sent`);

    const context = planContextFor(header, columns, options, team.team);
    const conflicts = await findConflicts(options, context);
    const plan = (record: CsvRecord): RowPlan | undefined => {
      const read = planRow(record, context);
      const planned = conflicts ? conflicts.check(read) : read;
      if (!inShard(planned, options.shard)) return undefined;
      const deduped = planned.kind === 'send' ? dedupePlan(planned, seen) : planned;
      return state ? state.noted(deduped) : deduped;
    };
    const fed = await feedRows({ records, window, stops, sender, resume, dryRun: options.dryRun, action: options.action, keyRejected: team.rejected, plan, shared, onJournaled: state && ((line) => state?.recordLine(line)) });
    reading.ended();
    const notComplete = whyNotComplete(stops.reason, fed.inputError, options.dryRun);
    const removalsHeld = state && (await mirror?.start({ state, sender, notComplete, maxRemovals: options.maxRemovals, notice: (line) => hooks.onNotice?.(line) }));
    await sender.finish();
    files.release();
    const shard = options.shard && { ...options.shard, delimiter: source.delimiter, encoding: source.encoding };
    const summary = await finishRun({ options, started, counts, stops, sender, outputs, journal, resume, inputError: fed.inputError, columns: mapping, shard, teamDirectory: team.record, removals: await mirror?.close(), removalsHeld });
    state?.end(summary);
    return summary;
  } finally {
    state?.close();
    resume.close();
    dir.lock.release();
  }
}
