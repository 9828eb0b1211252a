import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRateControl, onAnswered, onThrottled } from '../../src/api/rate-control.js';

describe('createRateControl', () => {
  it('starts at the ceiling', () => {
    expect(createRateControl(40)).toEqual({ ceiling: 40, current: 40, lastIncreaseAt: 0 });
  });
});

describe('onThrottled', () => {
  it('halves the rate and says it changed', () => {
    const control = createRateControl(40);
    expect(onThrottled(control, 1_000)).toBe(true);
    expect(control.current).toBe(20);
  });

  it('stops at a sixteenth of the ceiling', () => {
    const control = createRateControl(40);
    for (let i = 0; i < 10; i++) onThrottled(control, i);
    expect(control.current).toBe(2.5);
  });

  it('says nothing changed once at the floor', () => {
    const control = createRateControl(32);
    for (let i = 0; i < 4; i++) onThrottled(control, i);
    expect(control.current).toBe(2);
    expect(onThrottled(control, 10)).toBe(false);
  });

  it('delays the next increase by restarting the clock', () => {
    const control = createRateControl(40);
    onThrottled(control, 1_000);
    expect(onAnswered(control, 1_499)).toBe(false);
  });
});

describe('onAnswered', () => {
  it('does nothing at the ceiling', () => {
    const control = createRateControl(40);
    expect(onAnswered(control, 10_000)).toBe(false);
    expect(control.current).toBe(40);
  });

  it('adds 5% of the ceiling once 500 ms have passed since the last change', () => {
    const control = createRateControl(100);
    onThrottled(control, 1_000);
    expect(onAnswered(control, 1_500)).toBe(true);
    expect(control.current).toBe(55);
  });

  it('adds at least one request per second on a small ceiling', () => {
    const control = createRateControl(10);
    onThrottled(control, 0);
    onAnswered(control, 500);
    expect(control.current).toBe(6);
  });

  it('raises the rate at most once every 500 ms', () => {
    const control = createRateControl(100);
    onThrottled(control, 0);
    onAnswered(control, 500);
    expect(onAnswered(control, 999)).toBe(false);
    expect(control.current).toBe(55);
  });

  it('raises again once the next 500 ms have passed', () => {
    const control = createRateControl(100);
    onThrottled(control, 0);
    onAnswered(control, 500);
    expect(onAnswered(control, 1_000)).toBe(true);
    expect(control.current).toBe(60);
  });

  it('never goes above the ceiling', () => {
    const control = createRateControl(10);
    onThrottled(control, 0);
    control.current = 9.5;
    onAnswered(control, 500);
    expect(control.current).toBe(10);
  });

  it('recovers the full ceiling after enough quiet time', () => {
    const control = createRateControl(100);
    for (let i = 0; i < 5; i++) onThrottled(control, 0);
    for (let t = 500; t <= 20_000; t += 500) onAnswered(control, t);
    expect(control.current).toBe(100);
  });

  it('keeps the rate within [ceiling / 16, ceiling] for any sequence of events', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10_000, noNaN: true }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2_000 })), { maxLength: 200 }),
        (ceiling, events) => {
          const control = createRateControl(ceiling);
          let now = 0;
          for (const [throttle, gap] of events) {
            now += gap;
            if (throttle) onThrottled(control, now);
            else onAnswered(control, now);
            if (control.current > ceiling || control.current < ceiling / 16) return false;
          }
          return true;
        },
      ),
    );
  });
});
