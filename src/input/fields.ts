// Input stage: splits one candidate record (see framing.ts) into fields with csv-parse, and turns
// what csv-parse rejects into a sentence that names the line, the field and the fix.
import { parse } from 'csv-parse/sync';
import type { Delimiter } from './delimiter.js';

export type Fields = { ok: true; fields: string[] } | { ok: false; problem: FieldProblem };

export interface FieldProblem {
  /** csv-parse's error code, e.g. CSV_QUOTE_NOT_CLOSED. */
  code: string;
  /** 1-based line inside the parsed text. */
  line: number;
  /** 0-based field where the problem is, when csv-parse says. */
  field: number | undefined;
  /** The field's text before the problem (for a quote inside an unquoted value). */
  before: string | undefined;
  message: string;
}

/** Parses the text of one record. Text without quotes cannot be ambiguous, so it is split directly: most rows take that path. */
export function parseFields(text: string, delimiter: Delimiter, recordDelimiter: '\n' | '\r'): Fields {
  if (!text.includes('"')) return { ok: true, fields: text.split(delimiter) };
  try {
    // relax_quotes: a '"' inside an unquoted cell is a character, as csv-spectrum, PapaParse and Python's csv read it.
    const records = parse(text, { delimiter, record_delimiter: recordDelimiter, relax_column_count: true, relax_quotes: true, bom: false }) as string[][];
    const [fields, extra] = records;
    if (fields !== undefined && extra === undefined) return { ok: true, fields };
    const message = `${records.length} records where one was expected`;
    return { ok: false, problem: { code: 'RECORD_COUNT', line: 1, field: undefined, before: undefined, message } };
  } catch (error) {
    const err = error as { code?: unknown; lines?: unknown; index?: unknown; field?: unknown; message?: unknown };
    return {
      ok: false,
      problem: {
        code: typeof err.code === 'string' ? err.code : 'UNKNOWN',
        line: typeof err.lines === 'number' && err.lines > 0 ? err.lines : 1,
        field: typeof err.index === 'number' ? err.index : undefined,
        before: typeof err.field === 'string' ? err.field : undefined,
        message: String(err.message ?? error),
      },
    };
  }
}

/** "line 4: field 3 (customer_name) has ..." — what a person needs to find and fix the cell. */
export function describeProblem(problem: FieldProblem, firstLine: number, header: readonly string[]): string {
  const line = firstLine + problem.line - 1;
  const name = problem.field === undefined ? undefined : header[problem.field];
  const field = problem.field === undefined ? 'a field' : `field ${problem.field + 1}${name ? ` (${name})` : ''}`;
  switch (problem.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `line ${line}: the quote (") that opens ${field} is never closed`;
    default:
      return `line ${line} cannot be read as CSV: ${problem.message}`;
  }
}
