// Part of the limiter (limiter.ts): how soon a Bottleneck kept in this process hears back from its
// own store. Bottleneck's local store answers each call (take a slot, give one back, submit, new
// settings) a timer turn later, to behave like its Redis store; on a loaded event loop each of
// those turns waits behind the I/O of the turn before, and a slot given back reached the next job
// 12 to 20 ms later at --rate 300 (bench/results/HISTORY.md), a slot's turn 1.035 s where the window
// asked 1.02. Bottleneck's logic cannot count on any particular store latency (its Redis store's
// varies), so the local store answers on the microtask queue instead: the same answers, sooner.
// A slot is still held until a window after its request left; that slack had been protecting the
// window too, so the window's margin is now set for it (send-window.ts).
import type Bottleneck from 'bottleneck';

interface LocalStore {
  yieldLoop(ms?: number): Promise<unknown>;
}

/**
 * Makes `bottleneck`'s local store answer without a timer turn; a delay it asks for itself still
 * waits on a timer. Returns false, changing nothing, when the store is not the local one this
 * knows (Redis, or a Bottleneck whose store no longer yields this way).
 */
export function answerWithoutTimerTurns(bottleneck: Bottleneck): boolean {
  const store = (bottleneck as unknown as { _store?: Partial<LocalStore> })._store;
  if (typeof store?.yieldLoop !== 'function') return false;
  const timed = store.yieldLoop.bind(store);
  store.yieldLoop = (ms = 0) => (ms === 0 ? Promise.resolve() : timed(ms));
  return true;
}
