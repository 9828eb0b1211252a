// Turns decoded CSV text into numbered records, one per data row, with backpressure: the
// pipeline pulls one record at a time. A row the CSV grammar rejects is still yielded, as
// malformed with its line number, and reading goes on, so every input row gets exactly one result.
// Blank lines, and rows whose cells are all empty (spreadsheets export formatted but empty rows
// as ",,,"), are not rows; report titles and footers are yielded marked `notARow` (furniture.ts).
// Each record keeps its text exactly as read, line ending included, for retry.csv.
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import type { Delimiter } from './delimiter.js';
import { describeProblem, parseFields } from './fields.js';
import { RecordFramer, countQuotes, frameText, type Frame } from './framing.js';
import { FOOTER_MESSAGE, MAX_FOOTER_LINES, MAX_TITLE_LINES, TITLE_MESSAGE, isTitleLine, mayBeFooter } from './furniture.js';
import { splitLines, type Line } from './lines.js';
import { badEncodingMessage } from './guess-encoding.js';
import { ESCAPED_BYTE, showEscaped } from './utf8.js';

export interface CsvRecord {
  /** 1-based data row number. */
  row: number;
  /** Line in the file where the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** The record's text as read, line ending included ('' for a line too long to keep). */
  raw: string;
  /** Why the record cannot be used, when the CSV grammar or the column count says so. */
  malformed?: string;
  /** Report furniture (a title or footer line): why it is not a data row. */
  notARow?: string;
  /** The record holds bytes that are not valid UTF-8: the message names --encoding. */
  badEncoding?: string;
}

export interface CsvReader {
  header: string[];
  /** The header's text as read (with Excel's "sep=" line above it, if any), line ending included. */
  headerRaw: string;
  records: AsyncIterable<CsvRecord>;
}

/** A row longer than this is a runaway quote or not a row at all; Excel caps one cell at 32,767 characters. */
export const MAX_ROW_CHARS = 64 * 1024;

// Excel writes "sep=;" as the first line of a CSV meant for another locale; it is a hint, not the header.
const SEP_LINE = /^sep=.$/i;

interface Parsed {
  fields: string[];
  line: number;
  raw: string;
  malformed?: string;
  /** The lines after `line` were handed back to be read as new rows. */
  splitOff?: true;
}

export async function readCsv(text: Readable, delimiter: Delimiter): Promise<CsvReader> {
  const framer = new RecordFramer(linesOf(text), MAX_ROW_CHARS, delimiter);
  const { header, headerRaw, titles } = await readHeader(framer, delimiter);
  const records = readRecords(framer, delimiter, header, titles);
  const first = await records.next();
  if (first.done) throw new InputError('the file has a header but no rows');
  return { header, headerRaw, records: prepend(first.value, records) };
}

async function readHeader(framer: RecordFramer, delimiter: Delimiter): Promise<{ header: string[]; headerRaw: string; titles: CsvRecord[] }> {
  let frame = await framer.next();
  let sepRaw = '';
  if (frame?.kind === 'lines' && frame.lines[0]?.number === 1 && SEP_LINE.test(frame.lines[0].text)) {
    sepRaw = frame.lines[0].text + frame.lines[0].end;
    frame = await framer.next();
  }
  const titles: CsvRecord[] = [];
  for (;;) {
    if (frame === undefined) throw new InputError('the file has no header line, only blank lines');
    const parsed = parseFrame(frame, framer, delimiter, []);
    if (parsed.malformed !== undefined) throw new InputError(`the header cannot be read as CSV: ${parsed.malformed}`);
    // A report's title lines sit above its header; the header is the first line naming two columns.
    // An empty line under a title is spacing (as between rows); above everything it is an empty header.
    const empty = parsed.fields.every((field) => field.trim() === '');
    if (titles.length < MAX_TITLE_LINES && (empty ? titles.length > 0 : isTitleLine(parsed.fields, parsed.raw))) {
      if (!empty) titles.push({ ...toRecord(parsed), notARow: TITLE_MESSAGE });
      frame = await framer.next();
      continue;
    }
    const header = parsed.fields.map((name) => name.trim());
    // Trailing unnamed columns are padding, like the empty trailing cells of rows.
    while (header.length > 1 && header[header.length - 1] === '') header.pop();
    if (header.every((name) => name === '')) throw new InputError('the header line is empty');
    return { header, headerRaw: sepRaw + parsed.raw, titles };
  }
}

async function* readRecords(framer: RecordFramer, delimiter: Delimiter, header: readonly string[], titles: readonly CsvRecord[]): AsyncGenerator<CsvRecord> {
  const width = header.length;
  let row = 0;
  // Records are numbered as they leave, in file order (held footer candidates included).
  const numbered = (record: CsvRecord): CsvRecord => ((record.row = ++row), record);
  for (const title of titles) yield numbered(title);
  // Single-cell lines wait here until a data row follows them (then they are rows) or the file ends (footer).
  const held: CsvRecord[] = [];
  for (let frame = await framer.next(); frame !== undefined; frame = await framer.next()) {
    const parsed = parseFrame(frame, framer, delimiter, header);
    if (parsed.malformed === undefined && parsed.fields.every((field) => field.trim() === '')) continue;
    parsed.fields = trimTrailingEmpty(parsed.fields, width);
    const record = toRecord(parsed);
    const lines = frame.kind === 'lines' ? frame.lines : [];
    const malformed = parsed.splitOff
      ? `${parsed.malformed}, so line ${parsed.line + 1} was read as a new row`
      : (parsed.malformed ?? (record.fields.length === width ? undefined : countMessage(record.fields.length, width, lines)));
    if (malformed !== undefined) record.malformed = malformed;
    if (parsed.malformed === undefined && held.length < MAX_FOOTER_LINES && mayBeFooter(record.fields)) {
      held.push(record);
      continue;
    }
    if (held.length > 0) for (const earlier of held.splice(0)) yield numbered(earlier);
    yield numbered(record);
  }
  for (const footer of held) yield numbered({ ...footer, notARow: FOOTER_MESSAGE });
}

/** A record as parsed (numbered later); bytes that are not UTF-8 make it `badEncoding`, shown as their likeliest characters. */
function toRecord(parsed: Parsed): CsvRecord {
  const record: CsvRecord = { row: 0, line: parsed.line, fields: parsed.fields, raw: parsed.raw };
  // A cheap scan first: the exact test (a low surrogate standing alone) only where one may be.
  if (!MAYBE_ESCAPED.test(parsed.raw) || !ESCAPED_BYTE.test(parsed.raw)) return record;
  record.fields = parsed.fields.map(showEscaped);
  record.badEncoding = badEncodingMessage(parsed.line, parsed.raw);
  return record;
}

const MAYBE_ESCAPED = /[\uDC80-\uDCFF]/;

/** Fields of one frame, or why it is malformed; a frame that cannot be one record is split off at its first line. */
function parseFrame(frame: Frame, framer: RecordFramer, delimiter: Delimiter, header: readonly string[]): Parsed {
  if (frame.kind === 'cut') {
    return { fields: [], line: frame.line.number, raw: '', malformed: `line ${frame.line.number} is ${frame.line.length} characters long, more than the ${MAX_ROW_CHARS} a row may have` };
  }
  const lines = frame.lines;
  const first = lines[0];
  if (first === undefined) throw new Error('bug: a frame without lines');
  const recordDelimiter = first.end === '\r' ? '\r' : '\n';
  const result = frame.kind === 'open' ? undefined : parseFields(frameText(lines), delimiter, recordDelimiter);
  const raw = frameText(lines) + (lines[lines.length - 1]?.end ?? '');
  if (result?.ok && (lines.length === 1 || !hidesRows(lines, delimiter, header.length))) return { fields: result.fields, line: first.number, raw };
  if (result && !result.ok && lines.length === 1) return { fields: looseSplit(first.text, delimiter), line: first.number, raw, malformed: describeProblem(result.problem, first.number, header) };
  // A quote ran across lines and could not be closed into one sound record: blame the line it
  // opened on, and read the lines after it as rows of their own.
  framer.splitOff(lines);
  const alone = parseFields(first.text, delimiter, recordDelimiter);
  const malformed = alone.ok ? `line ${first.number}: a quote (") opened here runs on into the next line` : describeProblem(alone.problem, first.number, header);
  return { fields: looseSplit(first.text, delimiter), line: first.number, raw: first.text + first.end, malformed, ...(lines.length > 1 ? { splitOff: true as const } : {}) };
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
