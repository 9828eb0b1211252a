// Turns decoded CSV text into numbered records, one per data row, with backpressure: the
// parser is pulled one record at a time by the pipeline. Records the CSV grammar rejects are
// still yielded (as malformed) so that every input row gets exactly one result.
import type { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { InputError } from '../errors.js';
import type { Delimiter } from './delimiter.js';

export interface CsvRecord {
  /** 1-based data row number. */
  row: number;
  /** Line in the file where the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** Why the record cannot be used, when the CSV grammar or the column count says so. */
  malformed?: string;
}

export interface CsvReader {
  header: string[];
  records: AsyncIterable<CsvRecord>;
}

/** A single field larger than this is a sign of a runaway quote, not data. */
export const MAX_FIELD_BYTES = 64 * 1024;

export async function readCsv(text: Readable, delimiter: Delimiter): Promise<CsvReader> {
  const options: Options = {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_FIELD_BYTES,
  };
  const parser = text.pipe(parse(options));
  text.on('error', (error) => parser.destroy(error));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await next(iterator);
  if (!first) throw new InputError('the file has no header line');
  const header = first.record.map((name) => name.trim());
  if (header.every((name) => name === '')) throw new InputError('the header line is empty');
  return { header, records: numbered(iterator, header.length) };
}

async function* numbered(
  iterator: AsyncIterator<{ record: string[]; info: { lines: number } }>,
  width: number,
): AsyncGenerator<CsvRecord> {
  let row = 0;
  let line = 1;
  for (;;) {
    const item = await next(iterator);
    if (!item) return;
    row++;
    const fields = trimTrailingEmpty(item.record, width);
    const startLine = line + 1;
    line = item.info.lines;
    const malformed =
      fields.length === width ? undefined : `has ${fields.length} fields where the header has ${width} (line ${startLine})`;
    yield { row, line: startLine, fields, ...(malformed ? { malformed } : {}) };
  }
}

/** Spreadsheets often pad rows with empty trailing cells; those do not make a row malformed. */
function trimTrailingEmpty(fields: string[], width: number): string[] {
  if (fields.length <= width) return fields;
  let end = fields.length;
  while (end > width && fields[end - 1] === '') end--;
  return end === fields.length ? fields : fields.slice(0, end);
}

async function next<T>(iterator: AsyncIterator<T>): Promise<T | undefined> {
  try {
    const result = await iterator.next();
    return result.done ? undefined : result.value;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const err = error as { code?: string; message?: string; lines?: number };
    throw new InputError(`the file cannot be read as CSV: ${err.message ?? String(error)}`, { cause: error });
  }
}
