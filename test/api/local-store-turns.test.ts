// How soon a slot given back reaches the next job in a real Bottleneck kept in this process, with
// its store answering on the microtask queue (local-store-turns.ts) and as it comes: counted in the
// timers set between the end of one job in a single slot and the start of the next (each is an
// event-loop turn that waits behind whatever I/O came first), so a loaded machine cannot blur it.
import { createHook } from 'node:async_hooks';
import Bottleneck from 'bottleneck';
import { describe, expect, it } from 'vitest';
import { answerWithoutTimerTurns } from '../../src/api/local-store-turns.js';

/** Timers set from the end of one job in a single slot to the start of the next. */
async function timersToNextJob(bottleneck: Bottleneck): Promise<number> {
  let timers = 0;
  let between = false;
  const hook = createHook({
    init(_id, type) {
      if (between && type === 'Timeout') timers++;
    },
  }).enable();
  try {
    const first = bottleneck.schedule(async () => void (between = true));
    const second = bottleneck.schedule(async () => void (between = false));
    await Promise.all([first, second]);
  } finally {
    hook.disable();
    await bottleneck.stop();
  }
  return timers;
}

describe('a local Bottleneck whose store answers without timer turns', () => {
  it('starts the next job in a freed slot after one timer (Bottleneck’s own start), where it took three', async () => {
    const prompt = new Bottleneck({ maxConcurrent: 1 });
    expect(answerWithoutTimerTurns(prompt)).toBe(true);
    expect(await timersToNextJob(prompt)).toBe(1);
    expect(await timersToNextJob(new Bottleneck({ maxConcurrent: 1 }))).toBe(3);
  });

  it('still spaces jobs by minTime and holds them at a reservoir of 0', async () => {
    const bottleneck = new Bottleneck({ maxConcurrent: 10, minTime: 50 });
    answerWithoutTimerTurns(bottleneck);
    const started: number[] = [];
    const scheduledAt = performance.now();
    await Promise.all([1, 2, 3].map(() => bottleneck.schedule(async () => void started.push(performance.now()))));
    // Bottleneck plans each start when the job comes in, minTime after the one before: measured from
    // then, a timer that fires late only adds (between two starts it may not: the first one's can
    // be the late one). Its clock and the timers' are whole milliseconds, hence the 3 ms.
    expect(started[1]! - scheduledAt).toBeGreaterThanOrEqual(47);
    expect(started[2]! - scheduledAt).toBeGreaterThanOrEqual(97);
    await bottleneck.updateSettings({ reservoir: 0, minTime: 0 });
    let ran = false;
    const held = bottleneck.schedule(async () => (ran = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ran).toBe(false);
    await bottleneck.updateSettings({ reservoir: null });
    await held;
    expect(ran).toBe(true);
    await bottleneck.stop();
  });

  it('leaves a store it does not know as it is', () => {
    const bottleneck = new Bottleneck({ maxConcurrent: 1 });
    const unknown = { answer: () => 'as it was' };
    (bottleneck as unknown as { _store: object })._store = unknown;
    expect(answerWithoutTimerTurns(bottleneck)).toBe(false);
    expect(Object.keys(unknown)).toEqual(['answer']);
    expect(unknown.answer()).toBe('as it was');
  });
});
