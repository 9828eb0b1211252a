import { describe, expect, it } from 'vitest';
import { SendWindow } from '../../src/api/send-window.js';

describe('SendWindow', () => {
  it('lets sends go at once while the window holds fewer than the limit', () => {
    const gate = new SendWindow(2, 1000);
    expect(gate.waitMs(0)).toBe(0);
    gate.record(0);
    expect(gate.waitMs(1)).toBe(0);
  });

  it('makes the next send wait until the oldest of the last `limit` sends leaves the window', () => {
    const gate = new SendWindow(2, 1000);
    gate.record(0);
    gate.record(100);
    expect(gate.waitMs(500)).toBe(500);
    expect(gate.waitMs(1000)).toBe(0);
  });

  it('counts a send from the moment it left, when that is later than its start', () => {
    const gate = new SendWindow(2, 1000);
    const first = gate.record(0);
    gate.record(10);
    gate.left(first, 300);
    expect(gate.waitMs(1000)).toBe(300);
  });

  it('never moves a send earlier, and ignores a ticket whose slot was reused', () => {
    const gate = new SendWindow(1, 1000);
    const old = gate.record(0);
    gate.left(old, -50);
    expect(gate.waitMs(0)).toBe(1000);
    gate.record(2000);
    gate.left(old, 5000);
    expect(gate.waitMs(2000)).toBe(1000);
  });
});
