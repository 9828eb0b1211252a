// What the API has been answering, second by second: the series behind report.html's chart, the
// "requests per second now" of the progress line, and whether the run is held up (429s or network
// trouble) and why. Pure: fed one answer at a time with its clock reading.
import type { SendOutcome } from '../api/classify.js';

/** One second of the run: answers that arrived in it, by kind. */
export interface ActivitySecond {
  /** Seconds since the run started. */
  second: number;
  requests: number;
  throttled: number;
  /** Answers that were neither a success nor a 429: 5xx, network errors, timeouts, 4xx. */
  errors: number;
}

export interface Pause {
  kind: 'rate_limited' | 'network' | 'server_error';
  /** Why, in a few words: "429 Too Many Requests, Retry-After 2 s". */
  why: string;
}

export interface Activity {
  readonly startedAt: number;
  readonly seconds: ActivitySecond[];
  /** The latest trouble, cleared by the next answer that went through. */
  trouble?: { pause: Pause; at: number; until: number };
}

/** How far back "requests per second now" looks: long enough to smooth Bottleneck's spacing. */
const RECENT_SECONDS = 5;

export function createActivity(startedAt: number): Activity {
  return { startedAt, seconds: [] };
}

export function recordAnswer(activity: Activity, outcome: SendOutcome, at: number): void {
  const slot = secondAt(activity, at);
  slot.requests++;
  if (outcome.kind === 'answered') {
    activity.trouble = undefined;
    return;
  }
  if (outcome.httpStatus === 429) slot.throttled++;
  else slot.errors++;
  const pause = pauseFor(outcome);
  if (pause) activity.trouble = { pause, at, until: at + (outcome.retryAfterMs ?? 1000) };
}

/** Answers per second over the last few seconds (the current second counts in proportion). */
export function recentRate(activity: Activity, now: number): number {
  const elapsed = (now - activity.startedAt) / 1000;
  if (elapsed <= 0) return 0;
  const span = Math.min(RECENT_SECONDS, elapsed);
  const from = elapsed - span;
  let count = 0;
  for (let i = activity.seconds.length - 1; i >= 0; i--) {
    const slot = activity.seconds[i]!;
    if (slot.second + 1 <= from) break;
    // A second only partly inside the window counts in proportion to the part inside.
    const inside = Math.min(1, slot.second + 1 - from);
    count += slot.requests * inside;
  }
  return count / span;
}

/** The trouble holding the run up now, if the last answers were refusals with nothing through since. */
export function currentPause(activity: Activity, now: number, retriesWaiting: number): Pause | undefined {
  const trouble = activity.trouble;
  if (!trouble) return undefined;
  // Still waiting out a Retry-After, or rows are waiting to be retried after the failure.
  if (now < trouble.until || retriesWaiting > 0) return trouble.pause;
  return undefined;
}

function pauseFor(outcome: Extract<SendOutcome, { kind: 'error' }>): Pause | undefined {
  const wait = outcome.retryAfterMs === undefined ? '' : `, Retry-After ${Math.round(outcome.retryAfterMs / 100) / 10} s`;
  if (outcome.httpStatus === 429) return { kind: 'rate_limited', why: `the API is throttling us (429 Too Many Requests${wait})` };
  if (outcome.code === 'network_error' || outcome.code === 'timeout') {
    return { kind: 'network', why: `cannot reach the API (${outcome.message.replace(/^network error: /, '')})` };
  }
  if (outcome.code === 'server_error' && outcome.retryable) return { kind: 'server_error', why: `the API is failing (HTTP ${outcome.httpStatus ?? '5xx'}${wait})` };
  return undefined;
}

function secondAt(activity: Activity, at: number): ActivitySecond {
  const second = Math.max(0, Math.floor((at - activity.startedAt) / 1000));
  const last = activity.seconds.at(-1);
  if (last && last.second === second) return last;
  if (last && last.second > second) {
    // A clock reading out of order (never expected): count it in the latest second.
    return last;
  }
  // Quiet seconds get a zero entry, so the chart shows the gaps rather than joining over them.
  for (let s = (last?.second ?? -1) + 1; s < second; s++) activity.seconds.push({ second: s, requests: 0, throttled: 0, errors: 0 });
  const slot = { second, requests: 0, throttled: 0, errors: 0 };
  activity.seconds.push(slot);
  return slot;
}
