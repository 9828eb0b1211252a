// The run, end to end: read rows -> plan and dedupe -> send (throttled, coalesced, retried)
// -> write results in input order. Backpressure runs the whole way: the reader pulls the next
// row only while the ordered window has room, and the window waits for the writers to drain.
import type { Readable } from 'node:stream';
import { isUserError } from '../errors.js';
import { findColumns } from '../input/columns.js';
import { describeColumns, type ColumnsRecord } from '../input/mapping.js';
import { readCsv } from '../input/reader.js';
import { openInput } from '../input/source.js';
import { loadJournal, openJournal } from '../output/journal.js';
import { openOutputs } from '../output/outputs.js';
import { outPath, prepareRunDir } from '../output/run-dir.js';
import { buildSummary, countRow, createCounts, writeSummary, type Summary } from '../output/summary.js';
import { PairSet } from '../rows/dedupe.js';
import { dedupePlan } from '../rows/dedupe-plan.js';
import { planRow } from '../rows/plan.js';
import type { RowResult } from '../rows/row-result.js';
import { OrderedWindow } from './ordered-window.js';
import { NOT_SENT_MESSAGE } from './row-outcome.js';
import type { RunOptions } from './options.js';
import { createSender } from './sender.js';
import { inShard } from './shard.js';

export interface RunHooks {
  stdin?: Readable;
  /** Aborting stops the run: nothing more is sent, and the outputs are completed. */
  signal?: AbortSignal;
  /** Called once the input's header is read and the run is about to start. */
  onStart?(info: { header: readonly string[]; outDir: string; columns: ColumnsRecord }): void;
  /** Called after each row is written to results.csv. */
  onRow?(result: RowResult): void;
}

export async function runJob(options: RunOptions, hooks: RunHooks = {}): Promise<Summary> {
  const started = new Date();
  const source = await openInput(options.input, options, hooks.stdin);
  const { header, records } = await readCsv(source.text, source.delimiter);
  const columns = findColumns(header, options.columns, options.waba !== undefined);
  const mapping = describeColumns(header, columns, options.waba !== undefined);
  await prepareRunDir(options.outDir, options);
  const settledBefore = options.resume ? await loadJournal(outPath(options.outDir, 'journal')) : new Map<number, RowResult>();
  const journal = openJournal(outPath(options.outDir, 'journal'));
  const outputs = openOutputs({ dir: options.outDir, header, delimiter: source.delimiter, encoding: source.encoding, agentColumn: columns.agent, excel: options.excel });
  const counts = createCounts();
  const window = new OrderedWindow(options.window, {
    write(fields, result) {
      countRow(counts, result);
      hooks.onRow?.(result);
      return outputs.write(fields, result);
    },
    drained: () => outputs.drained(),
  });
  const sender = createSender(options, counts, (result) => {
    journal.append(result);
    window.finish(result);
  });
  const interrupt = (): void => sender.stop('interrupted');
  hooks.signal?.addEventListener('abort', interrupt, { once: true });
  hooks.onStart?.({ header, outDir: options.outDir, columns: mapping });

  const context = { header, columns, fixedWaba: options.waba, defaultCountry: options.defaultCountry };
  const seen = new PairSet();
  let inputError: string | undefined;
  const readRows = async (): Promise<void> => {
    for await (const record of records) {
      const planned = planRow(record, context);
      const plan = planned.kind === 'send' ? dedupePlan(planned, seen) : planned;
      await window.room();
      if (!inShard(record.row, options.shard)) {
        window.skip(record.row);
        continue;
      }
      window.open(record.row, record.fields);
      const earlier = settledBefore.get(record.row);
      if (plan.kind === 'done') window.finish(plan.result);
      else if (earlier) window.finish(earlier);
      else if (options.dryRun || sender.stopReason) window.finish(notSent(record.row, options.dryRun));
      else sender.submit(plan);
    }
  };

  try {
    try {
      await readRows();
    } catch (error) {
      // Past the header, requests may already be out: finish what was read, then say where reading broke.
      if (!isUserError(error)) throw error;
      inputError = error.message;
      sender.stop('input_unreadable');
    }
    await sender.finish();
  } finally {
    hooks.signal?.removeEventListener('abort', interrupt);
    journal.close();
  }

  await outputs.close();
  const summary = buildSummary(counts, {
    input: options.input,
    outDir: options.outDir,
    action: options.action,
    dryRun: options.dryRun,
    resumed: options.resume,
    rate: options.rate,
    started,
    finished: new Date(),
    stop: sender.stopReason,
    inputError,
    sendSeconds: sender.sendSeconds,
    columns: mapping,
    shard: options.shard && { ...options.shard, delimiter: source.delimiter, encoding: source.encoding },
  });
  await writeSummary(outPath(options.outDir, 'summary'), summary);
  return summary;
}

function notSent(row: number, dryRun: boolean): RowResult {
  const errorMessage = dryRun ? 'dry run: valid, not sent' : NOT_SENT_MESSAGE;
  return { row, status: 'not_attempted', errorMessage, attempts: 0, retryable: true };
}
