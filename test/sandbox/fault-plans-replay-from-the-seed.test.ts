import { describe, expect, it } from 'vitest';
import { planFaults, type FaultSettings } from '../../src/sandbox/faults.js';
import { mulberry32 } from '../../src/sandbox/random.js';

function plans(seed: number, settings: FaultSettings) {
  const random = mulberry32(seed);
  return Array.from({ length: 200 }, () => planFaults(random, settings));
}

describe('fault plans come from the seeded dice alone', () => {
  const settings = { failRate: 0.5, resetRate: 0.1, latencyMs: 10, jitterMs: 5 };

  it('replays the same plans for a seed and differs for another', () => {
    expect(plans(7, settings)).toEqual(plans(7, settings));
    expect(plans(7, settings)).not.toEqual(plans(8, settings));
    const faults = new Set(plans(7, settings).map((plan) => plan.fault));
    expect(faults).toEqual(new Set([undefined, 'reset', 500, 502, 503]));
  });

  it('keeps delays within latency +- jitter and unmoved when another rate changes', () => {
    const delays = plans(7, settings).map((plan) => plan.delayMs);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...delays)).toBeLessThanOrEqual(15);
    expect(plans(7, { ...settings, failRate: 0 }).map((plan) => plan.delayMs)).toEqual(delays);
  });
});
