// Input stage: groups physical lines into candidate records. A quoted cell may hold line breaks
// (Alt+Enter in a spreadsheet), so a record runs on while a quoted cell is open. As in csv-spectrum,
// PapaParse and Python's csv, only a quote that starts a cell opens one: the '"' of 37°36'37.8"N or of
// ` "Test"` is a character of an unquoted cell, and cannot swallow the lines after it. When a
// quote is still open at the row-size cap or at the end of the file, the quote was a stray, and
// `splitOff` hands back the first line alone and re-reads the lines after it as fresh records.
// csv-parse cannot do this itself: with `skip_records_with_error` an unclosed quote takes every
// later row down with it, and an over-size record loses the rest of its chunk.
import type { Line } from './lines.js';
import { scanCells } from './quote-rule.js';

export type Frame =
  /** Lines that together close every quote they open (usually just one line). */
  | { kind: 'lines'; lines: Line[] }
  /** A quote opened on the first line is still open at the cap or at the end of the file. */
  | { kind: 'open'; lines: Line[] }
  /** One line longer than the cap; its text was not kept. */
  | { kind: 'cut'; line: Line };

export class RecordFramer {
  readonly #source: AsyncIterator<Line>;
  readonly #cap: number;
  readonly #delimiter: string;
  /** Lines handed back by `splitOff`, read again before the source. */
  readonly #again: Line[] = [];

  constructor(source: AsyncIterator<Line>, cap: number, delimiter: string) {
    this.#source = source;
    this.#cap = cap;
    this.#delimiter = delimiter;
  }

  /** The next candidate record, skipping blank lines between records; undefined at the end. */
  async next(): Promise<Frame | undefined> {
    let first: Line | undefined;
    do first = await this.#line();
    while (first !== undefined && !first.cut && first.text === '');
    if (first === undefined) return undefined;
    if (first.cut) return { kind: 'cut', line: first };
    const lines = [first];
    let open = endsInQuotedCell(first.text, this.#delimiter, false);
    let size = first.length;
    while (open) {
      const line = await this.#line();
      if (line === undefined) return { kind: 'open', lines };
      lines.push(line);
      size += line.end.length + line.length;
      if (line.cut || size > this.#cap) return { kind: 'open', lines };
      open = endsInQuotedCell(line.text, this.#delimiter, true);
    }
    return { kind: 'lines', lines };
  }

  /** Gives up on a frame as one record: returns its first line and re-reads the others as new records. */
  splitOff(lines: readonly Line[]): Line {
    const [first, ...rest] = lines;
    if (first === undefined) throw new Error('bug: splitOff of an empty frame');
    this.#again.unshift(...rest);
    return first;
  }

  async #line(): Promise<Line | undefined> {
    const again = this.#again.shift();
    if (again !== undefined) return again;
    const next = await this.#source.next();
    return next.done ? undefined : next.value;
  }
}

/** Whether a line leaves a quoted cell open, given whether it began inside one (quote-rule.ts). */
export function endsInQuotedCell(text: string, delimiter: string, quoted: boolean): boolean {
  if (!quoted && !text.includes('"')) return false;
  return scanCells(text, delimiter, quoted);
}

export function countQuotes(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count++;
  return count;
}

/** The frame's text as it was in the file, line breaks inside quoted cells included. */
export function frameText(lines: readonly Line[]): string {
  if (lines.length === 1) return lines[0]?.text ?? '';
  let text = '';
  lines.forEach((line, i) => (text += i === lines.length - 1 ? line.text : line.text + line.end));
  return text;
}
