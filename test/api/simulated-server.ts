// A simulated run for the rate controller: a client sending at rateAt() (never before pausedUntil),
// a server limiting by a token bucket or by a sliding 1-s window, whose rate may change over time,
// answers 150 ms +- 50 ms later. Event by event on a virtual clock, so a minute of traffic takes
// milliseconds and no timer runs.
import { createRateControl, observe, rateAt, type RateControl, type RateSettings } from '../../src/api/rate-control.js';

export interface Simulation {
  settings: RateSettings;
  /** The server's limit (requests/s) at time t (ms). */
  limit: (t: number) => number;
  /** Bucket size; default: one second of the limit. */
  burst?: number;
  /** bucket (the default): a token bucket of `burst`; window: at most `limit` grants in any sliding second, no burst beyond. */
  server?: 'bucket' | 'window';
  seconds: number;
  retryAfterMs?: number;
  seed?: number;
}

export interface Trace {
  control: RateControl;
  /** Send times and what each was answered, in send order. */
  sends: { at: number; kind: 'granted' | 'throttled' }[];
  /** The planned rate sampled before every send. */
  planned: { at: number; rate: number }[];
}

export function simulate(sim: Simulation): Trace {
  const control = createRateControl(sim.settings, 0);
  const random = seeded(sim.seed ?? 1);
  const end = sim.seconds * 1000;
  const pending: { sentAt: number; at: number; index: number }[] = [];
  const sends: Trace['sends'] = [];
  const planned: Trace['planned'] = [];
  const admit = sim.server === 'window' ? slidingWindow(sim) : tokenBucket(sim);
  let nextSend = 0;
  while (nextSend < end || pending.length > 0) {
    const answer = pending[0];
    if (answer && (answer.at <= nextSend || nextSend >= end)) {
      pending.shift();
      const kind = admit(answer.at) ? 'granted' : 'throttled';
      sends[answer.index]!.kind = kind;
      observe(control, { sentAt: answer.sentAt, at: answer.at, kind, retryAfterMs: kind === 'throttled' ? sim.retryAfterMs : undefined });
      continue;
    }
    const now = Math.max(nextSend, control.pausedUntil);
    if (now > nextSend) {
      nextSend = now;
      continue;
    }
    const rate = rateAt(control, now);
    planned.push({ at: now, rate });
    const at = now + 100 + 100 * random();
    const index = sends.push({ at: now, kind: 'granted' }) - 1;
    insert(pending, { sentAt: now, at, index });
    nextSend = now + 1000 / rate;
  }
  return { control, sends, planned };
}

/** A token bucket: refills at the limit, holds `burst`; each grant takes a token. */
function tokenBucket(sim: Simulation): (at: number) => boolean {
  let tokens = sim.burst ?? sim.limit(0);
  let bucketAt = 0;
  return (at) => {
    const limit = sim.limit(at);
    tokens = Math.min(sim.burst ?? limit, tokens + ((at - bucketAt) * limit) / 1000);
    bucketAt = at;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/** A sliding window: grants while fewer than the limit were granted in the second before. */
function slidingWindow(sim: Simulation): (at: number) => boolean {
  const grants: number[] = [];
  return (at) => {
    while (grants.length > 0 && grants[0]! <= at - 1000) grants.shift();
    if (grants.length >= Math.floor(sim.limit(at))) return false;
    grants.push(at);
    return true;
  };
}

/** Granted answers per second between two times (ms), by send time. */
export function grantedRate(trace: Trace, from: number, to: number): number {
  const n = trace.sends.filter((s) => s.at >= from && s.at < to && s.kind === 'granted').length;
  return (1000 * n) / (to - from);
}

export function throttledShare(trace: Trace, from = 0, to = Infinity): number {
  const sent = trace.sends.filter((s) => s.at >= from && s.at < to);
  return sent.filter((s) => s.kind === 'throttled').length / Math.max(1, sent.length);
}

/**
 * Seconds from the first send until the granted rate (2-second average, by send time) stays within
 * 15% of its level over the second half of the trace for good: the bench's "steady after"
 * (bench/lib/series.mjs), so a unit test can hold the controller to the same target.
 */
export function steadyAfterS(trace: Trace): number {
  // Whole seconds only: the last, partial one would read as a fall.
  const seconds = Math.floor(trace.sends.at(-1)!.at / 1000);
  const granted = Array.from({ length: seconds }, () => 0);
  for (const send of trace.sends) if (send.at < seconds * 1000 && send.kind === 'granted') granted[Math.floor(send.at / 1000)]!++;
  const smooth = granted.slice(1).map((n, i) => (n + granted[i]!) / 2);
  const late = smooth.slice(Math.floor(smooth.length / 2)).sort((a, b) => a - b);
  const level = late[Math.floor(late.length / 2)]!;
  let from = smooth.length;
  while (from > 0 && Math.abs(smooth[from - 1]! - level) <= 0.15 * level) from--;
  return from + 2;
}

function insert(list: { at: number }[], item: { sentAt: number; at: number; index: number }): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.at > item.at) i--;
  list.splice(i, 0, item);
}

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}
