// The files a run writes as rows finish, in input order: results.csv for every row and
// retry.csv for the rows worth running again. One sink, so the window has one place to write.
import { UsageError } from '../errors.js';
import type { RowResult } from '../rows/row-result.js';
import { createResultsWriter, resultRecord } from './results-writer.js';
import { createRetryWriter, retryText, type RawRecord } from './retry-writer.js';
import { outPath } from './run-dir.js';
import { openUndoFile } from './undo-file.js';

export interface RunOutputs {
  write(record: RawRecord, result: RowResult): boolean;
  drained(): Promise<void>;
  close(): Promise<void>;
  readonly retryRows: number;
}

export interface OutputOptions {
  dir: string;
  header: readonly string[];
  /** The header's text as read, for retry.csv. */
  headerRaw: string;
  delimiter: string;
  encoding: string;
  /** The input started with a byte-order mark. */
  bom: boolean;
  agentColumn: number;
  excel: boolean;
  /** Hears the first file that cannot be written, with a sentence naming it. */
  onError(message: string): void;
}

export function openOutputs(options: OutputOptions): RunOutputs {
  const failed = (path: string) => (error: Error) => options.onError(cannotWrite(path, error));
  const results = opened(outPath(options.dir, 'results'), (path) => createResultsWriter(path, options.header, { excel: options.excel, onError: failed(path) }));
  const undo = openUndoFile(outPath(options.dir, 'undo'), failed(outPath(options.dir, 'undo')));
  const retry = opened(outPath(options.dir, 'retry'), (path) => createRetryWriter(path, options.headerRaw, { ...options, onError: failed(path) }));
  let retryRows = 0;
  return {
    write(record, result) {
      let ok = results.write(resultRecord(record.fields, options.header.length, result));
      if (result.changes) ok = undo.write(result.changes) && ok;
      const again = retryText(record, result, options);
      if (again) {
        retryRows++;
        ok = retry.write(again) && ok;
      }
      return ok;
    },
    async drained() {
      await Promise.all([results.drained(), retry.drained(), undo.drained()]);
    },
    async close() {
      const closed = await Promise.allSettled([results.close(), retry.close(), undo.close()]);
      const paths = [outPath(options.dir, 'results'), outPath(options.dir, 'retry'), outPath(options.dir, 'undo')];
      closed.forEach((outcome, i) => {
        if (outcome.status === 'rejected') options.onError(cannotWrite(paths[i]!, outcome.reason as Error));
      });
    },
    get retryRows() {
      return retryRows;
    },
  };
}

/** A file that cannot even be opened stops the run before anything is sent (exit 1). */
function opened<T>(path: string, open: (path: string) => T): T {
  try {
    return open(path);
  } catch (error) {
    throw new UsageError(`${cannotWrite(path, error as Error)}: choose another --out`);
  }
}

export function cannotWrite(path: string, error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EISDIR' ? 'it is a folder' : code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' ? 'permission denied' : (code ?? error.message);
  return `cannot write ${path} (${why})`;
}
