// The adaptive rate: what pace to send at, decided only from the clock and the answers (no timers,
// no I/O), so it is tested by feeding it a simulated server. The limiter reads rateAt() and
// pausedUntil and applies them through Bottleneck's settings (limiter.ts, send-window.ts).
//
// It probes up from `start` (x3 per second) while answers come back clean. On a 429 for a request
// sent after the last cut it holds the pace the server was granting, keeps measuring what the
// server grants for a moment (a token bucket grants exactly its limit once it is empty; what it
// does with requests sent before the hold does not count), then settles just under that measure
// (a first hold that drew a single 429 may be just under the limit: it holds again a step higher)
// and climbs back along a cubic curve: to the limit in CLIMB_S, then slowly past it, so a limit
// that rose is found again. A 429 while climbing past a limit measured under refusals only says the
// limit is still there: it settles under it again at once, without measuring (which would mean
// sending over it for a second). It never goes above the ceiling.
// Only when nothing at all gets through does it pause everyone, with a growing wait that a
// server's Retry-After can lengthen but never shorten.

export interface RateSettings {
  /** Requests per second never exceeded: --rate N, or --max-rate under --rate auto. */
  readonly ceiling: number;
  /** Where the pace starts: 10/s under --rate auto, the ceiling under an explicit --rate. */
  readonly start: number;
}

/** One answer (times in ms on one monotonic clock). */
export interface Answer {
  readonly sentAt: number;
  readonly at: number;
  /** granted: the server took it (any answer but a 429 or a 5xx); throttled: a 429; failed: a 5xx, a timeout or no answer. */
  readonly kind: 'granted' | 'throttled' | 'failed';
  readonly retryAfterMs?: number;
}

interface Measure {
  readonly from: number;
  /** Requests sent before the hold may be arriving until then, sharing the server's grants and refusals with the hold's. */
  readonly settledFrom: number;
  /** A second hold, a step over a first that drew a single 429. */
  readonly step: boolean;
  granted: number;
  throttled: number;
  firstGrantAt: number;
  lastGrantAt: number;
}

export interface RateControl {
  readonly settings: RateSettings;
  /** probe: start x GROWTH^t; measure: held while counting grants; cruise: cubic around `limit`. */
  phase: 'probe' | 'measure' | 'cruise';
  /** When the current phase began and the rate it began at. */
  since: number;
  base: number;
  /** The server's limit as last measured (requests/s). */
  limit: number;
  /** Whether `limit` was measured while the server was refusing (its limit), not only what we sent. */
  confirmed: boolean;
  /** Whether any answer came yet. */
  begun: boolean;
  /** Time of the last cut: a 429 for a request sent before it says nothing new. */
  cutAt: number;
  measure?: Measure;
  /** Answer times of the last second, oldest first: all answers, and granted ones. */
  readonly answered: number[];
  readonly granted: number[];
  /** Each answer's trip (ms from its send), in step with `answered`. */
  readonly trips: number[];
  /** No request may leave before this time. */
  pausedUntil: number;
  /** Throttling rounds in a row in which nothing was granted: each doubles the pause. */
  blocked: number;
}

const GROWTH_PER_S = 3;
/** Settle this far under the measured limit. */
const BETA = 0.95;
/** Seconds of the cubic climb from BETA x limit back to the limit. */
const CLIMB_S = 7;
/** How far past the limit the cubic has probed one CLIMB_S after reaching it. */
const PROBE_SHARE = 0.015;
/** Past this multiple of the measured limit without a 429, the limit has clearly moved: probe fast again. */
const REPROBE_AT = 1.5;
/** Where on the cubic a measure that saw no 429 resumes: 10% past it, and rising. */
const UNTHROTTLED_CLIMB_S = CLIMB_S * (1 + Math.cbrt(0.1 / PROBE_SHARE));
const MEASURE_MIN_MS = 800;
const MEASURE_MAX_MS = 2_000;
/** Grants to count before trusting a measure (or MEASURE_MAX_MS, whichever first). */
const MEASURE_GRANTS = 30;
/** Never plan above this multiple of what was answered in the last second (a slow source must not bank a burst). */
const DEMAND_HEADROOM = 3;
const MIN_RATE = 1;
const HOLD_OVER = 1.05;
/** The first hold again, this much higher, when it drew a single 429: arrival jitter alone draws one now and then just under a limit. */
const STEP_OVER = 1.1;
/** 429s that make the first measure the server's limit rather than our own pace. */
const CONFIRMING_429S = 2;
const FIRST_HOLD = 0.7;
const SETTLE_MS = 1_000;
const PAUSE_MS = 500;
const MAX_OWN_PAUSE_MS = 30_000;
const WINDOW_MS = 1_000;

export function createRateControl(settings: RateSettings, now: number): RateControl {
  const start = Math.min(settings.ceiling, settings.start);
  return {
    settings,
    phase: 'probe',
    since: now,
    base: start,
    limit: 0,
    confirmed: false,
    begun: false,
    cutAt: -Infinity,
    answered: [],
    granted: [],
    trips: [],
    pausedUntil: 0,
    blocked: 0,
  };
}

/** Feeds one answer to the controller. */
export function observe(control: RateControl, answer: Answer): void {
  const now = answer.at;
  // The probe's clock starts with the first request, not when the file began to be read.
  if (!control.begun) control.since = Math.min(now, Math.max(control.since, answer.sentAt));
  control.begun = true;
  forget(control, now);
  control.answered.push(now);
  control.trips.push(now - answer.sentAt);
  if (answer.kind === 'granted') {
    control.granted.push(now);
    control.blocked = 0;
    const measure = control.measure;
    // Only requests sent while holding say what the server grants at the held pace, and only once
    // those sent before have all arrived: until then they share its grants.
    if (measure && answer.sentAt >= measure.from && now >= measure.settledFrom) {
      if (measure.granted++ === 0) measure.firstGrantAt = now;
      measure.lastGrantAt = now;
    }
  }
  // Only a 429 for a request sent while holding, after all those sent before it arrived, says the
  // hold is above the limit: until then the server may still be refusing the burst that brought it.
  if (answer.kind === 'throttled' && control.measure && answer.sentAt >= control.measure.settledFrom) control.measure.throttled++;
  if (control.phase === 'measure') finishMeasure(control, now);
  else if (answer.kind === 'throttled' && answer.sentAt >= control.cutAt) {
    if (reachedLimit(control, answer, now)) settle(control, now);
    else onThrottled(control, answer, now);
  }
  else if (control.phase === 'cruise') reprobe(control, now);
}

/** The pace to send at, at time `now` (requests per second). */
export function rateAt(control: RateControl, now: number): number {
  const { ceiling, start } = control.settings;
  const elapsed = Math.max(0, now - control.since) / 1000;
  let rate: number;
  if (control.phase === 'probe') rate = control.base * GROWTH_PER_S ** elapsed;
  else if (control.phase === 'measure') rate = control.base;
  else rate = control.limit * cubic(elapsed);
  // What went out lately bounds the plan once there is a second of answers to judge by.
  const sent = countSince(control.answered, now - WINDOW_MS);
  if (now - control.since >= WINDOW_MS || control.phase === 'cruise') rate = Math.min(rate, Math.max(start, DEMAND_HEADROOM * sent));
  return clamp(rate, Math.min(MIN_RATE, ceiling), ceiling);
}

/** Far past the last measured limit without a 429: the limit has moved, so probe fast again from there. */
function reprobe(control: RateControl, now: number): void {
  const elapsed = (now - control.since) / 1000;
  if (cubic(elapsed) < REPROBE_AT) return;
  control.phase = 'probe';
  control.base = control.limit * REPROBE_AT;
  control.since = now;
}

/**
 * A 429 for a request sent while climbing past a limit measured under throttling, with part of the
 * traffic still granted: the limit is where it was measured. Measuring it again would mean sending
 * over it for a second or two; settling under it at once costs nothing.
 */
function reachedLimit(control: RateControl, answer: Answer, now: number): boolean {
  if (control.phase !== 'cruise' || !control.confirmed || countSince(control.granted, now - WINDOW_MS) === 0) return false;
  return cubic((answer.sentAt - control.since) / 1000) >= 1;
}

/** Back to BETA x limit, climbing again from there. */
function settle(control: RateControl, now: number): void {
  control.since = now;
  control.cutAt = now;
}

function onThrottled(control: RateControl, answer: Answer, now: number): void {
  const granted = countSince(control.granted, now - WINDOW_MS);
  if (granted === 0) {
    // Nothing gets through: wait, longer each round, and at least as long as the server asked.
    const own = Math.min(MAX_OWN_PAUSE_MS, PAUSE_MS * 2 ** control.blocked);
    control.blocked++;
    control.pausedUntil = Math.max(control.pausedUntil, now + Math.max(own, answer.retryAfterMs ?? 0));
  }
  // Hold, and measure what the server grants from here on: once its allowance is empty, exactly its
  // limit. First a little under the pace granted over the last second, part of which may have come
  // from its burst allowance; past a measured limit, a little over it; past a measure that only saw
  // our own pace (a floor of the limit), at least what was just granted, so as to be over it.
  const known = control.confirmed ? Math.min(granted, HOLD_OVER * control.limit) : Math.max(granted, HOLD_OVER * control.limit);
  const over = control.limit === 0 ? FIRST_HOLD * granted : Math.max(FIRST_HOLD * granted, known);
  hold(control, Math.min(rateAt(control, now), Math.max(over, MIN_RATE)), now, false);
}

function hold(control: RateControl, held: number, now: number, step: boolean): void {
  const from = Math.max(now, control.pausedUntil);
  control.phase = 'measure';
  control.base = held;
  control.since = now;
  control.cutAt = now;
  control.measure = { from, settledFrom: from + control.trips.reduce((longest, trip) => Math.max(longest, trip), 0), step, granted: 0, throttled: 0, firstGrantAt: 0, lastGrantAt: 0 };
}

function finishMeasure(control: RateControl, now: number): void {
  const measure = control.measure!;
  const ms = now - measure.from;
  if (ms < 0) return;
  if (ms < MEASURE_MIN_MS || (ms < MEASURE_MAX_MS && measure.granted < MEASURE_GRANTS)) return;
  // Grants come one 1/limit apart: count the gaps between the first and the last one.
  const span = measure.lastGrantAt - measure.firstGrantAt;
  const measured = measure.granted >= 2 && span > 0 ? (1000 * (measure.granted - 1)) / span : (1000 * measure.granted) / Math.max(ms, 1);
  // The first hold comes from a guess, and often lands just under the limit (the burst that hit it
  // went out at an explicit --rate): a single 429 there may be arrival jitter, and taking that pace
  // for the limit would settle under it for good. Hold again a step higher, where a limit shows.
  if (control.limit === 0 && measure.throttled > 0 && measure.throttled < CONFIRMING_429S && control.base < control.settings.ceiling) {
    hold(control, Math.min(control.settings.ceiling, STEP_OVER * control.base), now, true);
    return;
  }
  control.limit = Math.max(MIN_RATE, Math.min(measured, control.base * 1.05, control.settings.ceiling));
  // Throttled while measuring: we sent more than the server grants, so `measured` is its limit, to
  // settle under. A step over a 429 that saw none was granted a pace its allowance was paying for:
  // settle under it too, and let the next 429 measure again. Not throttled otherwise: it is only
  // what we managed to send, so go on from 10% above it, probing upward.
  control.confirmed = measure.throttled > 0 || measure.step;
  control.phase = 'cruise';
  control.since = control.confirmed ? now : now - UNTHROTTLED_CLIMB_S * 1000;
  // The server's allowance is empty now: jitter alone may bring a 429 or two until it refills a little.
  control.cutAt = now + SETTLE_MS;
  control.measure = undefined;
}

/** Multiple of the limit, `t` seconds into cruising: BETA at 0, 1 at CLIMB_S (flat there), then rising. */
function cubic(t: number): number {
  const x = t / CLIMB_S - 1;
  return x <= 0 ? 1 + (1 - BETA) * x ** 3 : 1 + PROBE_SHARE * x ** 3;
}

function forget(control: RateControl, now: number): void {
  const { answered, granted, trips } = control;
  const stale = countUntil(answered, now - WINDOW_MS);
  answered.splice(0, stale);
  trips.splice(0, stale);
  granted.splice(0, countUntil(granted, now - WINDOW_MS));
}

/** How many of the oldest `times` are at or before `until`. */
function countUntil(times: readonly number[], until: number): number {
  let n = 0;
  while (n < times.length && times[n]! <= until) n++;
  return n;
}

function countSince(times: readonly number[], from: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i]! > from; i--) n++;
  return n;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
