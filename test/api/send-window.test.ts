import { describe, expect, it, vi } from 'vitest';
import { HOLD_CAP_MS, SLOTS_SPACING_SHARE, SlotHolds, windowSettings } from '../../src/api/send-window.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('windowSettings', () => {
  it('gives the ceiling as slots and spaces grants at the pace', () => {
    expect(windowSettings(50, 100, false)).toEqual({ maxConcurrent: 100, minTime: 20 });
    expect(windowSettings(300, 300, false).minTime).toBeCloseTo(3.333, 3);
  });

  it('gives the whole number of the ceiling, and at least one slot', () => {
    expect(windowSettings(7.5, 7.5, true).maxConcurrent).toBe(7);
    expect(windowSettings(0.5, 0.5, false)).toEqual({ maxConcurrent: 1, minTime: 2_000 });
  });

  it('spaces in whole milliseconds, rounded down, for a shared limiter (Redis grants nothing under a fractional minTime)', () => {
    expect(windowSettings(300, 300, true).minTime).toBe(3);
    expect(windowSettings(7, 7, true).minTime).toBe(142);
    expect(windowSettings(5_000, 5_000, true).minTime).toBe(1);
  });

  it('steps the spacing back once a window has gone out at the ceiling: the slots repeat its spacing', () => {
    expect(windowSettings(300, 300, false, true).minTime).toBeCloseTo((1000 / 300) * SLOTS_SPACING_SHARE, 6);
    expect(windowSettings(30, 30, true, true)).toEqual({ maxConcurrent: 30, minTime: 16 });
  });

  it('keeps the whole spacing below the ceiling, where it is the pace, and under a ceiling the one slot does not hold', () => {
    expect(windowSettings(150, 300, false, true).minTime).toBeCloseTo(1000 / 150, 6);
    expect(windowSettings(0.5, 0.5, false, true)).toEqual({ maxConcurrent: 1, minTime: 2_000 });
  });
});

describe('SlotHolds', () => {
  it('holds a slot until a window after its request left, not from its start', async () => {
    const holds = new SlotHolds(100);
    const started = performance.now();
    let leftAt = 0;
    await holds.hold(async (left) => {
      await tick(50);
      leftAt = performance.now();
      left();
    });
    expect(performance.now() - leftAt).toBeGreaterThanOrEqual(99);
    expect(performance.now() - started).toBeGreaterThanOrEqual(149);
  });

  it('gives the slot back when the job settles without sending, or fails before its request left', async () => {
    const holds = new SlotHolds(10_000);
    const started = performance.now();
    await holds.hold(async () => 'nothing to send');
    await holds.hold(async () => Promise.reject(new Error('refused before it left')));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('gives a slot back after HOLD_CAP_MS if its request never leaves', async () => {
    vi.useFakeTimers();
    try {
      const holds = new SlotHolds(1_000);
      let given = false;
      void holds.hold(() => new Promise(() => undefined)).then(() => (given = true));
      await vi.advanceTimersByTimeAsync(HOLD_CAP_MS - 1);
      expect(given).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(given).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives every slot back at once on releaseAll', async () => {
    const holds = new SlotHolds(60_000);
    const held = [holds.hold(async (left) => left()), holds.hold(async (left) => left())];
    await tick(10);
    const before = performance.now();
    holds.releaseAll();
    await Promise.all(held);
    expect(performance.now() - before).toBeLessThan(100);
  });
});
