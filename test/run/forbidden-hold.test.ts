import { describe, expect, it } from 'vitest';
import type { RowResult } from '../../src/rows/row-result.js';
import { ForbiddenHold } from '../../src/run/forbidden-hold.js';

const ok = (row: number): RowResult => ({ row, status: 'succeeded', httpStatus: 200, attempts: 1, retryable: false });
const forbidden = (row: number): RowResult => ({ row, status: 'failed', httpStatus: 403, errorCode: 'forbidden', attempts: 1, retryable: false });

function setup() {
  const written: RowResult[] = [];
  const revised: RowResult[] = [];
  const state = { undecided: false, keyRejected: false };
  const hold = new ForbiddenHold(
    { write: (_fields, result) => written.push(result) > 0, drained: async () => undefined },
    { undecided: () => state.undecided, keyRejected: () => state.keyRejected, onRevised: (result) => revised.push(result) },
  );
  return { hold, written, revised, state };
}

describe('ForbiddenHold', () => {
  it('passes rows straight through while no 403 is waiting for the guard', () => {
    const t = setup();
    t.hold.write([], ok(1));
    expect(t.written.map((r) => r.row)).toEqual([1]);
  });

  it('holds a 403 row and the rows after it until the guard decides', () => {
    const t = setup();
    t.state.undecided = true;
    t.hold.write([], forbidden(1));
    t.hold.write([], ok(2));
    expect(t.written).toEqual([]);
  });

  it('writes held 403 rows as permanent once a success shows the key works', () => {
    const t = setup();
    t.state.undecided = true;
    t.hold.write([], forbidden(1));
    t.state.undecided = false;
    t.hold.write([], ok(2));
    expect(t.written.map((r) => [r.row, r.retryable])).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(t.revised).toEqual([]);
  });

  it('writes held 403 rows as rerunnable, and journals them, when the key was rejected', () => {
    const t = setup();
    t.state.undecided = true;
    t.hold.write([], forbidden(1));
    t.hold.write([], forbidden(2));
    t.state.keyRejected = true;
    t.hold.release();
    expect(t.written.map((r) => [r.row, r.retryable])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(t.revised.map((r) => r.row)).toEqual([1, 2]);
  });
});
