import { describe, expect, it } from 'vitest';
import { SlidingWindowPeak } from '../../src/sandbox/sliding-window.js';

describe('the sliding window remembers the busiest second', () => {
  it('counts arrivals within any 1000 ms span, not per calendar second', () => {
    const window = new SlidingWindowPeak(1000);
    for (const at of [0, 100, 900]) window.record(at);
    // 1000 ms after the first arrival, that arrival has left the window.
    for (const at of [1000, 1050, 1099]) window.record(at);
    expect(window.peak).toBe(5);
    window.record(5000);
    expect(window.peak).toBe(5);
  });

  it('grows past its initial ring without losing order', () => {
    const window = new SlidingWindowPeak(1000);
    for (let i = 0; i < 5000; i += 1) window.record(i * 0.1);
    expect(window.peak).toBe(5000);
    for (let i = 0; i < 3000; i += 1) window.record(2000 + i * 0.5);
    expect(window.peak).toBe(5000);
    window.clear();
    expect(window.peak).toBe(0);
  });
});
