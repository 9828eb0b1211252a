// Writes retry.csv: the input's header and, for each retryable row, the record exactly as it was
// read (quotes, empty cells, line ending and all), in the input's encoding, delimiter and BOM, so
// `collab-bulk run retry.csv` (same flags) finishes the job. Only a partly done row changes, and
// only in its agent cell, which keeps the agents still to do.
import { scanCells } from '../input/quote-rule.js';
import type { RowResult } from '../rows/row-result.js';
import { splitAgents } from '../rows/agents.js';
import { createTextFile, type TextFile } from './text-file.js';

export interface RetryFileOptions {
  delimiter: string;
  encoding: string;
  /** The input started with a byte-order mark. */
  bom: boolean;
  agentColumn: number;
  /** A reassignment file's from-agents column. */
  fromColumn?: number;
  onError?(error: Error): void;
}

/** What the retry file needs of an input record. */
export interface RawRecord {
  fields: readonly string[];
  /** The record's text as read, line ending included. */
  raw: string;
}

const LINE_END = /(?:\r\n|\n|\r)$/;

export function createRetryWriter(path: string, headerRaw: string, options: RetryFileOptions): TextFile {
  const file = createTextFile(path, { encoding: options.encoding, bom: options.bom || /^utf-?16/i.test(options.encoding), onError: options.onError });
  // A header without a line break ends the input; the rows written after it need one.
  file.write(LINE_END.test(headerRaw) ? headerRaw : `${headerRaw}\n`);
  return file;
}

/** The retry.csv text for a row, or undefined when the row needs no retry. */
export function retryText(record: RawRecord, result: RowResult, options: Pick<RetryFileOptions, 'agentColumn' | 'fromColumn' | 'delimiter'>): string | undefined {
  if (!result.retryable || record.raw === '') return undefined;
  const left = result.retryAgents;
  if (!left || left.length === 0) return record.raw;
  // A reassignment row keeps, in each of its two agent cells, only the agents still to do there.
  const columns = options.fromColumn === undefined ? [options.agentColumn] : [options.agentColumn, options.fromColumn];
  let raw = record.raw;
  for (const column of columns) {
    const cell = record.fields[column] ?? '';
    const all = splitAgents(cell);
    const still = columns.length === 1 ? left : left.filter((agent) => all.includes(agent));
    if (!sameAgents(still, all)) raw = replaceCell(raw, options.delimiter, column, still.join(separatorOf(cell)));
  }
  return raw;
}

function sameAgents(left: readonly string[], all: readonly string[]): boolean {
  return left.length === all.length && left.every((agent) => all.includes(agent));
}

/** Keeps the cell's own separator so the shortened cell looks like the original. */
function separatorOf(cell: string): string {
  const match = /\s*([;|,\n/])\s*/.exec(cell);
  return match?.[1] === '|' ? '|' : match?.[1] === ',' ? ',' : match?.[1] === '/' ? ' / ' : ';';
}

/** The record's text with one cell's value replaced, every other byte kept. */
export function replaceCell(raw: string, delimiter: string, index: number, value: string): string {
  const end = LINE_END.exec(raw)?.[0] ?? '';
  const text = raw.slice(0, raw.length - end.length);
  const span = cellSpan(text, delimiter, index);
  if (span === undefined) return raw;
  const [start, stop] = span;
  const wasQuoted = text[start] === '"';
  const needsQuotes = wasQuoted || /["\r\n]/.test(value) || value.includes(delimiter);
  const written = needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
  return text.slice(0, start) + written + text.slice(stop) + end;
}

/** Start and end of cell `index` in a record's text, by the reader's own quote rule. */
function cellSpan(text: string, delimiter: string, index: number): [number, number] | undefined {
  let cell = 0;
  let start = 0;
  let span: [number, number] | undefined;
  scanCells(text, delimiter, false, (at) => {
    if (cell === index) span = [start, at];
    cell++;
    start = at + 1;
    return span !== undefined;
  });
  return span ?? (cell === index ? [start, text.length] : undefined);
}
