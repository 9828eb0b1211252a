import { describe, expect, it } from 'vitest';
import { splitLines, type Line } from '../../src/input/lines.js';

async function lines(chunks: Array<string | Buffer>, cap = 1000): Promise<Line[]> {
  const out: Line[] = [];
  for await (const line of splitLines(chunks, cap)) out.push(line);
  return out;
}

const view = (all: Line[]): Array<[number, string, string]> => all.map((line) => [line.number, line.text, line.end]);

describe('splitLines', () => {
  it('numbers LF lines from 1 and keeps what ended each', async () => {
    expect(view(await lines(['a,b\nc,d\n']))).toEqual([
      [1, 'a,b', '\n'],
      [2, 'c,d', '\n'],
    ]);
  });

  it('takes CRLF off the text and keeps it as the ending', async () => {
    expect(view(await lines(['a\r\nb\r\n']))).toEqual([
      [1, 'a', '\r\n'],
      [2, 'b', '\r\n'],
    ]);
  });

  it('ends lines at a lone CR when the first break is one (old Mac exports)', async () => {
    expect(view(await lines(['a\rb\rc']))).toEqual([
      [1, 'a', '\r'],
      [2, 'b', '\r'],
      [3, 'c', ''],
    ]);
  });

  it('yields a last line that has no newline after it', async () => {
    expect(view(await lines(['a\nb']))).toEqual([
      [1, 'a', '\n'],
      [2, 'b', ''],
    ]);
  });

  it('yields empty lines, so that line numbers stay true', async () => {
    expect(view(await lines(['a\n\nb\n']))).toEqual([
      [1, 'a', '\n'],
      [2, '', '\n'],
      [3, 'b', '\n'],
    ]);
  });

  it('joins a line split across chunks', async () => {
    expect(view(await lines(['cust', 'omer,ag', 'ent\nx', ',y\n']))).toEqual([
      [1, 'customer,agent', '\n'],
      [2, 'x,y', '\n'],
    ]);
  });

  it('sees a CRLF split across two chunks as one ending', async () => {
    expect(view(await lines(['a\r', '\nb\r', '\n']))).toEqual([
      [1, 'a', '\r\n'],
      [2, 'b', '\r\n'],
    ]);
  });

  it('keeps a line at the cap whole', async () => {
    const [line] = await lines(['x'.repeat(10) + '\n'], 10);
    expect(line).toEqual({ number: 1, text: 'x'.repeat(10), end: '\n', length: 10, cut: false });
  });

  it('drops the text of a line over the cap but counts its characters', async () => {
    const chunks = Array.from({ length: 50 }, () => 'x'.repeat(100));
    const all = await lines(['a\n', ...chunks, '\nb\n'], 1000);
    expect(all.map((line) => [line.number, line.text, line.length, line.cut])).toEqual([
      [1, 'a', 1, false],
      [2, '', 5000, true],
      [3, 'b', 1, false],
    ]);
  });

  it('accepts Buffers as well as strings', async () => {
    expect(view(await lines([Buffer.from('a\n')]))).toEqual([[1, 'a', '\n']]);
  });

  it('yields nothing for empty input', async () => {
    expect(await lines([])).toEqual([]);
  });
});
