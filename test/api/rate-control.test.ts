import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRateControl, observe, rateAt, type Answer } from '../../src/api/rate-control.js';
import { grantedRate, simulate, steadyAfterS, throttledShare } from './simulated-server.js';

const AUTO = { ceiling: 100, start: 10 };
const granted = (sentAt: number, at = sentAt + 150): Answer => ({ sentAt, at, kind: 'granted' });
const throttled = (sentAt: number, at = sentAt + 150, retryAfterMs?: number): Answer => ({ sentAt, at, kind: 'throttled', retryAfterMs });

describe('rate control while answers are clean', () => {
  it('starts at the start rate', () => {
    expect(rateAt(createRateControl(AUTO, 0), 0)).toBe(10);
  });

  it('starts probing with the first request, not when the controller was made', () => {
    const control = createRateControl(AUTO, 0);
    observe(control, granted(5_000));
    expect(rateAt(control, 5_000)).toBe(10);
  });

  it('probes upward, three times faster each second', () => {
    const control = createRateControl(AUTO, 0);
    for (let t = 0; t < 1_000; t += 50) observe(control, granted(t));
    expect(rateAt(control, 1_000)).toBeCloseTo(30, 5);
  });

  it('stops at the ceiling', () => {
    const control = createRateControl({ ceiling: 40, start: 10 }, 0);
    for (let t = 0; t < 3_000; t += 10) observe(control, granted(t));
    expect(rateAt(control, 3_000)).toBe(40);
  });

  it('plans no more than 3 times what was answered in the last second', () => {
    const control = createRateControl(AUTO, 0);
    for (let t = 0; t < 5_000; t += 500) observe(control, granted(t));
    expect(rateAt(control, 5_000)).toBe(10);
  });
});

/** Probes up for 2 s, then a 429; from then on the server grants 40/s and refuses the rest, until the measure ends. */
function measuredAt40() {
  const control = createRateControl(AUTO, 0);
  for (let t = 0; t < 2_000; t += 10) observe(control, granted(t));
  observe(control, throttled(1_990, 2_000));
  let t = 2_000;
  for (; control.phase === 'measure'; t += 5) observe(control, t % 25 === 0 ? granted(t - 150, t) : throttled(t - 150, t));
  return { control, t };
}

/** An explicit --rate of 200 sends at once and hits a 429 at 500 ms: the first hold begins. */
function firstHoldAtRate200() {
  const control = createRateControl({ ceiling: 200, start: 200 }, 0);
  for (let t = 150; t < 500; t += 5) observe(control, granted(t - 150, t));
  observe(control, throttled(350, 500));
  return { control, held: rateAt(control, 500) };
}

describe('rate control on a 429', () => {
  it('first holds a little under the pace the server granted over the last second, part of which was its burst allowance', () => {
    const control = createRateControl({ ceiling: 500, start: 10 }, 0);
    for (let t = 0; t < 2_000; t += 10) observe(control, granted(t));
    const before = rateAt(control, 2_000);
    observe(control, throttled(1_990, 2_000));
    expect(rateAt(control, 2_000)).toBeLessThan(before);
    expect(rateAt(control, 2_000)).toBeCloseTo(0.7 * 100, 0);
  });

  it('settles just under the rate the server granted while it was throttling', () => {
    const { control, t } = measuredAt40();
    expect(control.limit).toBeGreaterThan(38);
    expect(control.limit).toBeLessThan(43);
    expect(rateAt(control, t)).toBeCloseTo(0.95 * control.limit, 1);
  });

  it('settles back under a measured limit at once on a 429 while climbing past it, without measuring it again', () => {
    const measured = measuredAt40();
    const { control } = measured;
    let { t } = measured;
    const limit = control.limit;
    // Granted at the limit's pace while climbing past it, then a 429.
    const past = t + 12_000;
    for (; t < past; t += 25) observe(control, granted(t - 150, t));
    expect(rateAt(control, t)).toBeGreaterThan(limit);
    observe(control, throttled(t - 150, t));
    expect(control.phase).toBe('cruise');
    expect(control.limit).toBe(limit);
    expect(rateAt(control, t)).toBeCloseTo(0.95 * limit, 1);
  });

  it('ignores a 429 for a request sent before the last cut', () => {
    const control = createRateControl(AUTO, 0);
    for (let t = 0; t < 2_000; t += 10) observe(control, granted(t));
    for (let t = 2_000; t <= 3_200; t += 5) observe(control, t % 25 === 0 ? granted(t - 150, t) : throttled(t - 150, t));
    const settled = rateAt(control, 3_200);
    observe(control, throttled(3_100, 3_250));
    expect(rateAt(control, 3_250)).toBeGreaterThanOrEqual(settled);
  });

  it('does not take 429s for requests sent before the ones already on their way arrived as the hold being over the limit', () => {
    // The hold's first requests meet the burst's tail at the server and are refused, then
    // everything the hold sends is granted.
    const { control, held } = firstHoldAtRate200();
    let sentAt = 500;
    for (let i = 0; control.phase === 'measure' && i < 200; i++, sentAt += 1000 / held) observe(control, i < 3 ? throttled(sentAt, sentAt + 150) : granted(sentAt, sentAt + 150));
    expect(control.phase).toBe('cruise');
    expect(control.confirmed).toBe(false);
    expect(rateAt(control, sentAt)).toBeGreaterThan(1.05 * held);
  });

  it('holds once more a step higher when the first hold drew a single 429, instead of settling at its own pace', () => {
    const { control, held } = firstHoldAtRate200();
    let sentAt = 500;
    for (let i = 0; control.measure?.step !== true && i < 200; i++, sentAt += 1000 / held) observe(control, i === 20 ? throttled(sentAt, sentAt + 150) : granted(sentAt, sentAt + 150));
    expect(control.phase).toBe('measure');
    expect(rateAt(control, sentAt)).toBeCloseTo(1.1 * held, 5);
  });

  it('pauses everyone only when nothing got through, doubling the pause each round', () => {
    const control = createRateControl(AUTO, 0);
    const pauses: number[] = [];
    for (let t = 0; t <= 20_000; t += 100) {
      const before = control.pausedUntil;
      observe(control, throttled(t, t + 100));
      if (control.pausedUntil !== before) pauses.push(control.pausedUntil - (t + 100));
    }
    expect(pauses.slice(0, 3)).toEqual([500, 1_000, 2_000]);
  });

  it('takes Retry-After as the least pause when nothing got through', () => {
    const control = createRateControl(AUTO, 0);
    observe(control, throttled(0, 100, 5_000));
    expect(control.pausedUntil).toBe(5_100);
  });

  it('does not pause while part of the traffic is still granted, Retry-After or not', () => {
    const control = createRateControl(AUTO, 0);
    for (let t = 0; t < 1_000; t += 50) observe(control, granted(t));
    observe(control, throttled(990, 1_000, 1_000));
    expect(control.pausedUntil).toBe(0);
  });
});

describe('rate control against a simulated server', () => {
  it.each([20, 50, 120])('converges to at least 0.9 of an unknown limit of %i/s with at most 3 in 100 requests throttled', (limit) => {
    const trace = simulate({ settings: { ceiling: 500, start: 10 }, limit: () => limit, seconds: 60 });
    expect(grantedRate(trace, 10_000, 60_000)).toBeGreaterThanOrEqual(0.9 * limit);
    expect(throttledShare(trace, 10_000, 60_000)).toBeLessThanOrEqual(0.03);
  });

  it.each([20, 50])('at an explicit --rate of 4 x an unknown limit of %i/s, refuses at most 1 in 100 once past the first 10 s', (limit) => {
    const trace = simulate({ settings: { ceiling: 4 * limit, start: 4 * limit }, limit: () => limit, seconds: 60 });
    expect(grantedRate(trace, 10_000, 60_000)).toBeGreaterThanOrEqual(0.92 * limit);
    expect(throttledShare(trace, 10_000, 60_000)).toBeLessThanOrEqual(0.01);
  });

  it.each([20, 50, 120])('at an explicit --rate of 4 x an unknown limit of %i/s, is steady within 10 s and uses the limit, not 0.9 of it', (limit) => {
    for (const seed of [1, 2, 3]) {
      const trace = simulate({ settings: { ceiling: 4 * limit, start: 4 * limit }, limit: () => limit, seconds: 1_500 / limit, seed });
      expect(steadyAfterS(trace)).toBeLessThanOrEqual(10);
      expect(grantedRate(trace, 5_000, (1_500 / limit) * 1000)).toBeGreaterThanOrEqual(0.96 * limit);
    }
  });

  it.each([20, 50])('under --rate auto, is steady within 10 s of the start against a token bucket of %i/s', (limit) => {
    const trace = simulate({ settings: { ceiling: 100, start: 10 }, limit: () => limit, seconds: 1_500 / limit });
    expect(steadyAfterS(trace)).toBeLessThanOrEqual(10);
  });

  it('behaves the same when every 429 carries Retry-After: 1', () => {
    const trace = simulate({ settings: { ceiling: 500, start: 10 }, limit: () => 50, seconds: 60, retryAfterMs: 1_000 });
    expect(grantedRate(trace, 10_000, 60_000)).toBeGreaterThanOrEqual(45);
  });

  it('never plans above an explicit ceiling, whatever the answers', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1_000, noNaN: true }),
        fc.array(fc.tuple(fc.constantFrom<Answer['kind']>('granted', 'throttled', 'failed'), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 2_000 })), { maxLength: 300 }),
        (ceiling, events) => {
          const control = createRateControl({ ceiling, start: ceiling }, 0);
          let now = 0;
          for (const [kind, gap, trip] of events) {
            now += gap;
            observe(control, { sentAt: now - trip, at: now, kind });
            const rate = rateAt(control, now);
            if (!(rate <= ceiling && rate > 0)) return false;
          }
          return true;
        },
      ),
    );
  });

  it('keeps an explicit ceiling below the limit: at the ceiling, no 429', () => {
    const trace = simulate({ settings: { ceiling: 30, start: 30 }, limit: () => 50, seconds: 30 });
    expect(Math.max(...trace.planned.map((p) => p.rate))).toBe(30);
    expect(throttledShare(trace)).toBe(0);
    expect(grantedRate(trace, 0, 30_000)).toBeGreaterThanOrEqual(29.5);
  });

  it('recovers after the limit rises', () => {
    const trace = simulate({ settings: { ceiling: 500, start: 10 }, limit: (t) => (t < 30_000 ? 20 : 60), seconds: 80 });
    expect(grantedRate(trace, 50_000, 80_000)).toBeGreaterThanOrEqual(0.9 * 60);
  });

  it('follows the limit down when it falls', () => {
    const trace = simulate({ settings: { ceiling: 500, start: 10 }, limit: (t) => (t < 30_000 ? 60 : 20), seconds: 80 });
    expect(grantedRate(trace, 40_000, 80_000)).toBeGreaterThanOrEqual(0.9 * 20);
    expect(throttledShare(trace, 40_000, 80_000)).toBeLessThanOrEqual(0.03);
  });
});
