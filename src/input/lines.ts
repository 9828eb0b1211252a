// Input stage: cuts decoded text into numbered physical lines, the unit that malformed-row recovery
// works in (a broken row is reported by its line, and reading resumes at the next one). Any of
// LF, CRLF or the lone CR of old Mac exports ends a line; one line is never held beyond a cap.
import { StringDecoder } from 'node:string_decoder';

export interface Line {
  /** 1-based line number in the decoded text. */
  number: number;
  /** The line without its terminator; empty when the line was cut for being too long. */
  text: string;
  /** What ended the line: '\n', '\r\n', '\r', or '' for the last line of a file without a final newline. */
  end: string;
  /** Characters in the line, even when `text` was dropped for passing the cap. */
  length: number;
  /** The line was longer than the cap, so its text was not kept. */
  cut: boolean;
}

/**
 * Yields the lines of `chunks`. The first line break settles the style: a CR not followed by LF
 * means CR alone ends lines; otherwise LF does (with an optional CR before it).
 */
export async function* splitLines(chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>, cap: number): AsyncGenerator<Line> {
  let breakChar: '\n' | '\r' | undefined;
  let buffer = '';
  let dropped = 0; // characters of the current line already thrown away because it passed the cap
  let number = 0;
  // Buffers are UTF-8 here; the decoder keeps a character split across two chunks whole.
  const utf8 = new StringDecoder('utf8');

  const make = (text: string, end: string): Line => {
    number++;
    const length = dropped + text.length;
    const cut = length > cap;
    dropped = 0;
    return { number, text: cut ? '' : text, end, length, cut };
  };

  for await (const chunk of chunks) {
    buffer += typeof chunk === 'string' ? chunk : utf8.write(chunk);
    breakChar ??= settleBreak(buffer, false);
    let start = 0;
    if (breakChar !== undefined) {
      for (let at = buffer.indexOf(breakChar, start); at !== -1; at = buffer.indexOf(breakChar, start)) {
        yield lineAt(buffer, start, at, breakChar, make);
        start = at + 1;
      }
    }
    buffer = buffer.slice(start);
    if (buffer.length > cap) {
      // Keep memory bounded on a runaway line: only its length matters from here on.
      dropped += buffer.length;
      buffer = '';
    }
  }
  breakChar ??= settleBreak(buffer, true);
  if (buffer.length > 0 || dropped > 0) {
    const text = breakChar === '\n' && buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer;
    yield make(text, text.length < buffer.length ? '\r' : '');
  }
}

function lineAt(buffer: string, start: number, at: number, breakChar: '\n' | '\r', make: (text: string, end: string) => Line): Line {
  if (breakChar === '\n' && at > start && buffer.charCodeAt(at - 1) === 13) return make(buffer.slice(start, at - 1), '\r\n');
  return make(buffer.slice(start, at), breakChar);
}

/** The break character, once the text shows it; undefined while there is no break yet (or a CR ends the chunk). */
function settleBreak(text: string, final: boolean): '\n' | '\r' | undefined {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr === -1 || (lf !== -1 && lf < cr)) return lf === -1 ? (final ? '\n' : undefined) : '\n';
  if (cr + 1 < text.length) return text.charCodeAt(cr + 1) === 10 ? '\n' : '\r';
  return final ? '\r' : undefined;
}
