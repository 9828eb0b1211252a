import { describe, expect, it } from 'vitest';
import { RecordFramer, countQuotes, frameText, type Frame } from '../../src/input/framing.js';
import { splitLines, type Line } from '../../src/input/lines.js';

function framer(text: string, cap = 1000): RecordFramer {
  return new RecordFramer(splitLines([text], cap), cap, ',');
}

function numbers(frame: Frame | undefined): number[] {
  if (frame === undefined) return [];
  return frame.kind === 'cut' ? [frame.line.number] : frame.lines.map((line: Line) => line.number);
}

describe('RecordFramer', () => {
  it('gives one line per frame when no quote spans lines', async () => {
    const f = framer('a,b\nc,d\n');
    expect([numbers(await f.next()), numbers(await f.next()), await f.next()]).toEqual([[1], [2], undefined]);
  });

  it('skips blank lines between records', async () => {
    const f = framer('\n\na,b\n\n');
    expect(numbers(await f.next())).toEqual([3]);
    expect(await f.next()).toBeUndefined();
  });

  it('runs a frame on while a quote is open', async () => {
    const frame = await framer('a,"b\n\nc",d\ne,f\n').next();
    expect([frame?.kind, numbers(frame)]).toEqual(['lines', [1, 2, 3]]);
  });

  it('opens a quoted cell only at the start of a cell, so a quote inside a value ends nothing', async () => {
    const frames = framer(`1,37°36'37.8"N\n2, "x\n3,"a ""b"" c"d\n4,z\n`);
    const seen: number[][] = [];
    for (let frame = await frames.next(); frame !== undefined; frame = await frames.next()) seen.push(numbers(frame));
    expect(seen).toEqual([[1], [2], [3], [4]]);
  });

  it('calls a frame open when the file ends inside a quote', async () => {
    const frame = await framer('a,"b\nc,d\n').next();
    expect([frame?.kind, numbers(frame)]).toEqual(['open', [1, 2]]);
  });

  it('calls a frame open once it passes the cap', async () => {
    const frame = await framer(`a,"b\n${'x'.repeat(30)}\n${'y'.repeat(30)}\nz"\n`, 50).next();
    expect([frame?.kind, numbers(frame)]).toEqual(['open', [1, 2, 3]]);
  });

  it('gives a line over the cap as a cut frame of its own', async () => {
    const f = framer(`a\n${'x'.repeat(60)}\nb\n`, 50);
    await f.next();
    const frame = await f.next();
    expect([frame?.kind, numbers(frame)]).toEqual(['cut', [2]]);
  });

  it('reads the lines after the first again once a frame is split off', async () => {
    const f = framer('a,"b\nc,d\ne,f\n');
    const open = await f.next();
    if (open?.kind !== 'open') throw new Error('expected an open frame');
    expect(f.splitOff(open.lines).number).toBe(1);
    expect([numbers(await f.next()), numbers(await f.next()), await f.next()]).toEqual([[2], [3], undefined]);
  });
});

describe('countQuotes', () => {
  it('counts every double quote, doubled ones included', () => {
    expect(countQuotes('a,"b ""c""",d')).toBe(6);
  });
});

describe('frameText', () => {
  it('joins lines with the line breaks they had, without the last one', async () => {
    const frame = await framer('a,"b\r\nc\nd"\r\n').next();
    expect(frame?.kind === 'lines' && frameText(frame.lines)).toBe('a,"b\r\nc\nd"');
  });
});
