import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RowPlan } from '../../src/rows/plan.js';
import { chatHash, inShard, parseShard } from '../../src/run/shard.js';

describe('--shard i/n', () => {
  it('reads i/n with spaces allowed around the slash', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });

  it('refuses shards outside 1..n, zero shards and anything not i/n, naming the flag', () => {
    for (const bad of ['0/3', '4/3', '1/0', '3', 'a/b', '1/3/5', '-1/3', '1.5/3', '']) {
      expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/);
    }
  });

  const send = (row: number, waba: string, customer: string): RowPlan => ({ kind: 'send', row, waba, customer, agents: [] });
  const invalid = (row: number): Extract<RowPlan, { kind: 'done' }> => ({ kind: 'done', result: { row, status: 'invalid', attempts: 0, retryable: false } });

  it('puts every row of one chat in the same shard, whatever its row number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.stringMatching(/^[1-9]\d{9,12}$/), fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 2 }), (count, customer, rows) => {
        const owners = (row: number) => Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(send(row, '919800000001', customer), { index, count }));
        const first = owners(rows[0]!);
        expect(first).toHaveLength(1);
        for (const row of rows) expect(owners(row)).toEqual(first);
      }),
    );
  });

  it('keeps a done row whose chat was read with that chat', () => {
    const chat = { waba: '919800000001', customer: '917000000001' };
    const done: RowPlan = { ...invalid(5), chat };
    for (const index of [1, 2, 3]) expect(inShard(done, { index, count: 3 })).toBe(inShard(send(8, chat.waba, chat.customer), { index, count: 3 }));
  });

  it('gives a row with no chat to shard (r mod n) + 1, so shard 1 of 3 takes rows 3, 6, 9', () => {
    const shard = { index: 1, count: 3 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].filter((row) => inShard(invalid(row), shard))).toEqual([3, 6, 9]);
  });

  it('hashes a chat the same way every time (FNV-1a of "waba|customer")', () => {
    expect(chatHash('919800000001', '917000000001')).toBe(chatHash('919800000001', '917000000001'));
    expect(chatHash('', '')).toBe(0xf90c4a3b); // FNV-1a of "|"
  });

  it('takes every row when there is no shard', () => {
    expect(inShard(invalid(7), undefined)).toBe(true);
  });
});
