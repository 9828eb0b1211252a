import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RowResult } from '../../src/rows/row-result.js';
import { OrderedWindow, type WindowSink } from '../../src/run/ordered-window.js';

const done = (row: number): RowResult => ({ row, status: 'succeeded', attempts: 1, retryable: false });

/** A sink that records written rows and can be told to report backpressure. */
function recordingSink(): WindowSink & { rows: number[]; fields: (readonly string[])[]; full: boolean; drain(): void } {
  let release: (() => void) | undefined;
  const sink = {
    rows: [] as number[],
    fields: [] as (readonly string[])[],
    full: false,
    write(fields: readonly string[], result: RowResult) {
      sink.rows.push(result.row);
      sink.fields.push(fields);
      return !sink.full;
    },
    drained() {
      return new Promise<void>((resolve) => (release = resolve));
    },
    drain() {
      sink.full = false;
      release?.();
    },
  };
  return sink;
}

/** True once the promise has settled, after letting pending microtasks run. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return settled;
}

function openRows(window: OrderedWindow, ...rows: number[]): void {
  for (const row of rows) window.open(row, [`field${row}`]);
}

// A permutation of 1..n: the order in which rows finish.
const orders = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: n, maxLength: n }));

describe('OrderedWindow', () => {
  it('writes rows in input order when they finish in reverse', () => {
    const sink = recordingSink();
    const window = new OrderedWindow(10, sink);
    openRows(window, 1, 2, 3);
    window.finish(done(3));
    window.finish(done(2));
    window.finish(done(1));
    expect(sink.rows).toEqual([1, 2, 3]);
  });

  it('holds a finished row until every earlier row has finished', () => {
    const sink = recordingSink();
    const window = new OrderedWindow(10, sink);
    openRows(window, 1, 2, 3);
    window.finish(done(2));
    window.finish(done(3));
    expect(sink.rows).toEqual([]);
  });

  it('writes each row with its own fields', () => {
    const sink = recordingSink();
    const window = new OrderedWindow(10, sink);
    window.open(1, ['a', 'b']);
    window.open(2, ['c', 'd']);
    window.finish(done(2));
    window.finish(done(1));
    expect(sink.fields).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('writes in input order for any finishing order', () => {
    fc.assert(
      fc.property(orders, (order) => {
        const sink = recordingSink();
        const window = new OrderedWindow(100, sink);
        openRows(window, ...order.map((_, i) => i + 1));
        for (const row of order) window.finish(done(row));
        expect(sink.rows).toEqual(order.map((_, i) => i + 1));
      }),
    );
  });

  it('counts open rows as pending until they are written', () => {
    const window = new OrderedWindow(10, recordingSink());
    openRows(window, 1, 2);
    window.finish(done(2));
    expect(window.pending).toBe(2);
  });

  it('gives room at once while fewer than size rows are open', async () => {
    const window = new OrderedWindow(2, recordingSink());
    openRows(window, 1);
    expect(await isSettled(window.room())).toBe(true);
  });

  it('blocks the reader while size rows are open', async () => {
    const window = new OrderedWindow(2, recordingSink());
    openRows(window, 1, 2);
    expect(await isSettled(window.room())).toBe(false);
  });

  it('keeps blocking when a row other than the oldest finishes', async () => {
    const window = new OrderedWindow(2, recordingSink());
    openRows(window, 1, 2);
    const room = window.room();
    window.finish(done(2));
    expect(await isSettled(room)).toBe(false);
  });

  it('lets the reader go on once the oldest row finishes', async () => {
    const window = new OrderedWindow(2, recordingSink());
    openRows(window, 1, 2);
    const room = window.room();
    window.finish(done(1));
    expect(await isSettled(room)).toBe(true);
  });

  it('blocks the reader while the sink reports backpressure', async () => {
    const sink = recordingSink();
    const window = new OrderedWindow(10, sink);
    openRows(window, 1);
    sink.full = true;
    window.finish(done(1));
    expect(await isSettled(window.room())).toBe(false);
  });

  it('lets the reader go on once the sink has drained', async () => {
    const sink = recordingSink();
    const window = new OrderedWindow(10, sink);
    openRows(window, 1);
    sink.full = true;
    window.finish(done(1));
    const room = window.room();
    await isSettled(room);
    sink.drain();
    expect(await isSettled(room)).toBe(true);
  });

  it('asks the sink to drain only once per pause', async () => {
    const sink = recordingSink();
    let drains = 0;
    const counting: WindowSink = { write: (f, r) => sink.write(f, r), drained: () => (drains++, sink.drained()) };
    const window = new OrderedWindow(10, counting);
    openRows(window, 1);
    sink.full = true;
    window.finish(done(1));
    const room = window.room();
    await isSettled(room);
    sink.drain();
    await room;
    await window.room();
    expect(drains).toBe(1);
  });

  it('throws when a row finishes twice', () => {
    const window = new OrderedWindow(10, recordingSink());
    openRows(window, 1, 2);
    window.finish(done(2));
    expect(() => window.finish(done(2))).toThrow('row 2 finished twice or was never opened');
  });

  it('throws when a row finishes again after it was written', () => {
    const window = new OrderedWindow(10, recordingSink());
    openRows(window, 1);
    window.finish(done(1));
    expect(() => window.finish(done(1))).toThrow('row 1 finished twice or was never opened');
  });

  it('throws when a row that was never opened finishes', () => {
    const window = new OrderedWindow(10, recordingSink());
    expect(() => window.finish(done(5))).toThrow('row 5 finished twice or was never opened');
  });
});
