// The files a run writes as rows finish, in input order: results.csv for every row and
// retry.csv for the rows worth running again. One sink, so the window has one place to write.
import type { RowResult } from '../rows/row-result.js';
import { createResultsWriter, resultRecord } from './results-writer.js';
import { createRetryWriter, retryRecord } from './retry-writer.js';
import { outPath } from './run-dir.js';

export interface RunOutputs {
  write(fields: readonly string[], result: RowResult): boolean;
  drained(): Promise<void>;
  close(): Promise<void>;
  readonly retryRows: number;
}

export interface OutputOptions {
  dir: string;
  header: readonly string[];
  delimiter: string;
  encoding: string;
  agentColumn: number;
  excel: boolean;
}

export function openOutputs(options: OutputOptions): RunOutputs {
  const results = createResultsWriter(outPath(options.dir, 'results'), options.header, { excel: options.excel });
  const retry = createRetryWriter(outPath(options.dir, 'retry'), options.header, options);
  let retryRows = 0;
  return {
    write(fields, result) {
      let ok = results.write(resultRecord(fields, options.header.length, result));
      const again = retryRecord(fields, result, options.agentColumn);
      if (again) {
        retryRows++;
        ok = retry.write(again) && ok;
      }
      return ok;
    },
    async drained() {
      await Promise.all([results.drained(), retry.drained()]);
    },
    async close() {
      await Promise.all([results.close(), retry.close()]);
    },
    get retryRows() {
      return retryRows;
    },
  };
}
