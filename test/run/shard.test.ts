import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from '../../src/run/shard.js';

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

  it('gives row r to shard (r mod n) + 1, so shard 1 of 3 takes rows 3, 6, 9', () => {
    const shard = { index: 1, count: 3 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].filter((row) => inShard(row, shard))).toEqual([3, 6, 9]);
    expect([1, 2, 3, 4].filter((row) => inShard(row, { index: 2, count: 3 }))).toEqual([1, 4]);
  });

  it('puts every row in exactly one shard, for any number of shards', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100_000 }), (count, row) => {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(row, { index, count }));
        expect(owners).toHaveLength(1);
      }),
    );
  });

  it('takes every row when there is no shard', () => {
    expect(inShard(7, undefined)).toBe(true);
  });
});
