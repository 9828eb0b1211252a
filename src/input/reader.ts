// Turns decoded CSV text into numbered records, one per data row, with backpressure: the
// pipeline pulls one record at a time. A row the CSV grammar rejects is still yielded, as
// malformed with its line number, and reading goes on, so every input row gets exactly one result.
// Blank lines, and rows whose cells are all empty (spreadsheets export formatted but empty rows
// as ",,,"), are not rows.
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import type { Delimiter } from './delimiter.js';
import { describeProblem, parseFields } from './fields.js';
import { RecordFramer, countQuotes, frameText, type Frame } from './framing.js';
import { splitLines, type Line } from './lines.js';

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

/** A row longer than this is a runaway quote or not a row at all; Excel caps one cell at 32,767 characters. */
export const MAX_ROW_CHARS = 64 * 1024;

// Excel writes "sep=;" as the first line of a CSV meant for another locale; it is a hint, not the header.
const SEP_LINE = /^sep=.$/i;

interface Parsed {
  fields: string[];
  line: number;
  malformed?: string;
  /** The lines after `line` were handed back to be read as new rows. */
  splitOff?: true;
}

export async function readCsv(text: Readable, delimiter: Delimiter): Promise<CsvReader> {
  const framer = new RecordFramer(linesOf(text), MAX_ROW_CHARS, delimiter);
  const header = await readHeader(framer, delimiter);
  const records = readRecords(framer, delimiter, header);
  const first = await records.next();
  if (first.done) throw new InputError('the file has a header but no rows');
  return { header, records: prepend(first.value, records) };
}

async function readHeader(framer: RecordFramer, delimiter: Delimiter): Promise<string[]> {
  let frame = await framer.next();
  if (frame?.kind === 'lines' && frame.lines[0]?.number === 1 && SEP_LINE.test(frame.lines[0].text)) frame = await framer.next();
  if (frame === undefined) throw new InputError('the file has no header line, only blank lines');
  const parsed = parseFrame(frame, framer, delimiter, []);
  if (parsed.malformed !== undefined) throw new InputError(`the header cannot be read as CSV: ${parsed.malformed}`);
  const header = parsed.fields.map((name) => name.trim());
  // Trailing unnamed columns are padding, like the empty trailing cells of rows.
  while (header.length > 1 && header[header.length - 1] === '') header.pop();
  if (header.every((name) => name === '')) throw new InputError('the header line is empty');
  return header;
}

async function* readRecords(framer: RecordFramer, delimiter: Delimiter, header: readonly string[]): AsyncGenerator<CsvRecord> {
  const width = header.length;
  let row = 0;
  for (let frame = await framer.next(); frame !== undefined; frame = await framer.next()) {
    const parsed = parseFrame(frame, framer, delimiter, header);
    if (parsed.malformed === undefined && parsed.fields.every((field) => field.trim() === '')) continue;
    row++;
    const fields = trimTrailingEmpty(parsed.fields, width);
    const lines = frame.kind === 'lines' ? frame.lines : [];
    const malformed = parsed.splitOff
      ? `${parsed.malformed}, so line ${parsed.line + 1} was read as a new row`
      : (parsed.malformed ?? (fields.length === width ? undefined : countMessage(fields.length, width, lines)));
    yield { row, line: parsed.line, fields, ...(malformed === undefined ? {} : { malformed }) };
  }
}

/** Fields of one frame, or why it is malformed; a frame that cannot be one record is split off at its first line. */
function parseFrame(frame: Frame, framer: RecordFramer, delimiter: Delimiter, header: readonly string[]): Parsed {
  if (frame.kind === 'cut') {
    return { fields: [], line: frame.line.number, malformed: `line ${frame.line.number} is ${frame.line.length} characters long, more than the ${MAX_ROW_CHARS} a row may have` };
  }
  const lines = frame.lines;
  const first = lines[0];
  if (first === undefined) throw new Error('bug: a frame without lines');
  const recordDelimiter = first.end === '\r' ? '\r' : '\n';
  const result = frame.kind === 'open' ? undefined : parseFields(frameText(lines), delimiter, recordDelimiter);
  if (result?.ok && (lines.length === 1 || !hidesRows(lines, delimiter, header.length))) return { fields: result.fields, line: first.number };
  if (result && !result.ok && lines.length === 1) return { fields: looseSplit(first.text, delimiter), line: first.number, malformed: describeProblem(result.problem, first.number, header) };
  // A quote ran across lines and could not be closed into one sound record: blame the line it
  // opened on, and read the lines after it as rows of their own.
  framer.splitOff(lines);
  const alone = parseFields(first.text, delimiter, recordDelimiter);
  const malformed = alone.ok ? `line ${first.number}: a quote (") opened here runs on into the next line` : describeProblem(alone.problem, first.number, header);
  return { fields: looseSplit(first.text, delimiter), line: first.number, malformed, ...(lines.length > 1 ? { splitOff: true as const } : {}) };
}

/**
 * A stray quote can be "closed" by another stray quote many lines later, turning the rows between
 * into one cell. A real multi-line cell holds text, not rows: if a line inside the cell splits into
 * a full row with two or more phone numbers, the cell is taken for a stray quote instead.
 */
function hidesRows(lines: readonly Line[], delimiter: Delimiter, width: number): boolean {
  const last = lines[lines.length - 1]?.text ?? '';
  const quote = last.indexOf('"');
  const inside = [...lines.slice(1, -1).map((line) => line.text), quote === -1 ? last : last.slice(0, quote)];
  return inside.some((text) => {
    const cells = text.split(delimiter);
    return cells.length >= width && cells.filter((cell) => PHONE_LIKE.test(cell.replace(PHONE_PUNCTUATION, ''))).length >= 2;
  });
}

const PHONE_PUNCTUATION = /[\s().+-]/g;
const PHONE_LIKE = /^\d{8,15}$/;

/** A malformed row's cells as well as they can be told apart, so results.csv shows which row it was. */
function looseSplit(text: string, delimiter: Delimiter): string[] {
  return countQuotes(text) === 0 ? text.split(delimiter) : text.split(delimiter).map((cell) => cell.replace(/^\s*"|"\s*$/g, ''));
}

function countMessage(count: number, width: number, lines: readonly Line[]): string {
  const first = lines[0]?.number ?? 0;
  const last = lines[lines.length - 1]?.number ?? first;
  const where = last > first ? `lines ${first}-${last} (a quoted cell with line breaks) have` : `line ${first} has`;
  return `${where} ${count} ${count === 1 ? 'field' : 'fields'} where the header has ${width}`;
}

/** Spreadsheets often pad rows with empty trailing cells; those do not make a row malformed. */
function trimTrailingEmpty(fields: string[], width: number): string[] {
  if (fields.length <= width) return fields;
  let end = fields.length;
  while (end > width && fields[end - 1] === '') end--;
  return end === fields.length ? fields : fields.slice(0, end);
}

async function* linesOf(text: Readable): AsyncGenerator<Line> {
  try {
    yield* splitLines(text, MAX_ROW_CHARS);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`the file cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

async function* prepend<T>(first: T, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  yield first;
  yield* rest;
}
