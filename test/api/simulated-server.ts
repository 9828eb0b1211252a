// A simulated run for the rate controller: a client sending at rateAt() (never before pausedUntil),
// a server with a token bucket whose rate may change over time, answers 150 ms +- 50 ms later.
// Event by event on a virtual clock, so a minute of traffic takes milliseconds and no timer runs.
import { createRateControl, observe, rateAt, type RateControl, type RateSettings } from '../../src/api/rate-control.js';

export interface Simulation {
  settings: RateSettings;
  /** The server's limit (requests/s) at time t (ms). */
  limit: (t: number) => number;
  /** Bucket size; default: one second of the limit. */
  burst?: number;
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
  let tokens = sim.burst ?? sim.limit(0);
  let bucketAt = 0;
  let nextSend = 0;
  while (nextSend < end || pending.length > 0) {
    const answer = pending[0];
    if (answer && (answer.at <= nextSend || nextSend >= end)) {
      pending.shift();
      const limit = sim.limit(answer.at);
      tokens = Math.min(sim.burst ?? limit, tokens + ((answer.at - bucketAt) * limit) / 1000);
      bucketAt = answer.at;
      const kind = tokens >= 1 ? 'granted' : 'throttled';
      if (kind === 'granted') tokens -= 1;
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

/** Granted answers per second between two times (ms), by send time. */
export function grantedRate(trace: Trace, from: number, to: number): number {
  const n = trace.sends.filter((s) => s.at >= from && s.at < to && s.kind === 'granted').length;
  return (1000 * n) / (to - from);
}

export function throttledShare(trace: Trace, from = 0, to = Infinity): number {
  const sent = trace.sends.filter((s) => s.at >= from && s.at < to);
  return sent.filter((s) => s.kind === 'throttled').length / Math.max(1, sent.length);
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
