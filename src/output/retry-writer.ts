// Writes retry.csv: exactly the input's header and, for each retryable row, its values as they
// were, in the input's delimiter and encoding, so `collab-bulk run retry.csv` (same flags)
// finishes the job. A partly done row keeps only the agents still to do.
import type { RowResult } from '../rows/row-result.js';
import { splitAgents } from '../rows/agents.js';
import { createCsvFile, type CsvFile } from './csv-file.js';

export interface RetryFileOptions {
  delimiter: string;
  encoding: string;
  agentColumn: number;
  onError?(error: Error): void;
}

export function createRetryWriter(path: string, header: readonly string[], options: RetryFileOptions): CsvFile {
  const file = createCsvFile(path, { delimiter: options.delimiter, encoding: options.encoding, bom: /^utf-?16/i.test(options.encoding), onError: options.onError });
  file.write(header);
  return file;
}

/** The retry.csv record for a row, or undefined when the row needs no retry. */
export function retryRecord(fields: readonly string[], result: RowResult, agentColumn: number): string[] | undefined {
  if (!result.retryable) return undefined;
  const left = result.retryAgents;
  if (!left || left.length === 0 || sameAgents(left, splitAgents(fields[agentColumn] ?? ''))) return [...fields];
  const out = [...fields];
  out[agentColumn] = left.join(separatorOf(fields[agentColumn] ?? ''));
  return out;
}

function sameAgents(left: readonly string[], all: readonly string[]): boolean {
  return left.length === all.length && left.every((agent) => all.includes(agent));
}

/** Keeps the cell's own separator so the shortened cell looks like the original. */
function separatorOf(cell: string): string {
  const match = /\s*([;|,\n])\s*/.exec(cell);
  return match?.[1] === '|' ? '|' : match?.[1] === ',' ? ',' : ';';
}
