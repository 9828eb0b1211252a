// The shared throttle every send goes through (first tries and retries alike). The rate controller
// (rate-control.ts) decides the pace from the answers; this module applies it through Bottleneck's
// settings only (minTime spaces starts, maxConcurrent follows rate x answer time, a reservoir of 0
// pauses everyone), so a clustered Bottleneck shares the pace. Under it, a sliding-window gate on
// the real send times keeps every window at or under the ceiling.
// With --redis-url every process on the limiter sees every answer (Bottleneck's cluster messages),
// so each controller follows the whole cluster's pace and they write the same shared settings.
import Bottleneck from 'bottleneck';
import type { ClusterLink } from './cluster.js';
import { concurrencyFor, createRateControl, observe, rateAt, type Answer } from './rate-control.js';
import { MAX_SERVER_WAIT_MS } from './retry-policy.js';
import { SendWindow } from './send-window.js';

export type { Answer } from './rate-control.js';

/** A paced job gets `left`, to call once its request is on the wire: the gate counts from then. */
export type Job<T> = (left?: () => void) => Promise<T>;

export interface LimiterOptions {
  /** Requests per second never exceeded in any window; 0 = no limit. */
  ceiling: number;
  /** Where the adaptive pace starts (at most the ceiling). */
  start: number;
  /** Hard cap on requests in flight. */
  concurrency: number;
}

export interface Limiter {
  schedule<T>(job: Job<T>): Promise<T>;
  /** Every answer (429s and failures too), with when its request left, on the performance.now() clock. */
  observe(answer: Answer): void;
  readonly currentRate: number;
  /** Drops waiting jobs and ends every pause at once: a stop must not sit out a Retry-After. */
  stop(): Promise<void>;
}

/** A server's wait, bounded: past MAX_SERVER_WAIT_MS the run stops instead (and no timer overflows). */
function pauseMs(waitMs: number | undefined): number {
  return Math.min(Math.max(waitMs ?? 1000, 0), MAX_SERVER_WAIT_MS);
}

// The gate's window is a little over a second: a request's trip from our send to the server's
// clock varies by a few ms (more on a busy machine), and 20 ms of slack keeps R+1 arrivals out of
// any server second. Bottleneck spaces starts at the same pace, so the gate only steps in when
// timers run late and would otherwise bunch sends together.
const GATE_WINDOW_MS = 1_020;
/** Settings are rewritten only when the pace moved by more than this share. */
const RESETTLE_SHARE = 0.01;
/** At most this much faster spacing than planned, to catch up with late timers. */
const MAX_SLIP = 1.5;
/** maxConcurrent is raised once what the rate and answer time need passes it by this factor. */
const GROW_SHARE = 1.25;

/** With `cluster`, Bottleneck keeps its state in Redis: every process on the same limiter id shares the pace, the ceiling and the pauses. */
export function createLimiter(options: LimiterOptions, cluster?: ClusterLink): Limiter {
  if (options.ceiling <= 0) return unlimited();
  const control = createRateControl({ ceiling: options.ceiling, start: options.start }, performance.now());
  // Bottleneck's Redis scripts stall on a fractional minTime (no slot is ever granted), so a shared
  // limiter spaces in whole milliseconds, rounded up to stay under the pace.
  const minTime = (rate: number): number => (cluster ? Math.ceil(GATE_WINDOW_MS / rate) : Math.round((GATE_WINDOW_MS / rate) * 1000) / 1000);
  let rate = rateAt(control, performance.now());
  let inFlight = concurrencyFor(control, performance.now(), options.concurrency);
  const bottleneck = new Bottleneck({ maxConcurrent: inFlight, minTime: minTime(rate), ...cluster?.bottleneckOptions(options.ceiling) });
  const settings = (changed: Bottleneck.ConstructorOptions): void => (cluster ? cluster.update(bottleneck, changed) : void bottleneck.updateSettings(changed));
  // A process joining a shared limiter brings its own ceiling: the last to join sets it for all.
  // Its maxConcurrent is the shared window's slots (the ceiling across processes), never the in-flight count.
  if (cluster) settings({ minTime: minTime(rate), maxConcurrent: cluster.slots(options.ceiling), reservoir: null });
  const gate = new SendWindow(Math.max(1, Math.floor(options.ceiling)), GATE_WINDOW_MS);
  const naps = interruptibleSleep();
  let resumeTimer: NodeJS.Timeout | undefined;
  let pausedUntil = 0;
  /** Send times of the last second, and how far behind the plan they fall while jobs wait. */
  const sent: number[] = [];
  let slip = 1;
  let appliedSlip = 1;

  // Bottleneck hands a job its start time when it takes it in, up to maxConcurrent ahead, so a cut
  // or a pause would reach only jobs taken in later. Checked again here, at the start itself, with
  // the spacing and pause now in force, a slowdown holds back every send at once.
  let nextStart = 0;
  const waitMs = (now: number): number => Math.max(gate.waitMs(now), nextStart - now, pausedUntil - now);
  const throughGate = async <T>(job: Job<T>, departed?: () => void): Promise<T> => {
    for (let wait = waitMs(performance.now()); wait > 0 && !naps.stopped; wait = waitMs(performance.now())) await naps.sleep(Math.ceil(wait));
    const now = performance.now();
    // From the planned start, so one late timer does not delay every later send (timers run ~1 ms
    // late: at 300/s, spacing from the actual send loses a quarter of the pace). The gate, not
    // this spacing, is what holds the ceiling.
    const pace = rate * appliedSlip;
    const spacing = minTime(pace);
    nextStart = Math.max(nextStart, now - spacing) + spacing;
    sent.push(now);
    const ticket = gate.record(now);
    return job(() => {
      gate.left(ticket, performance.now());
      departed?.();
    });
  };

  const pauseUntil = (wanted: number, now: number): void => {
    const until = Math.min(wanted, now + MAX_SERVER_WAIT_MS);
    if (until <= pausedUntil || until <= now) return;
    pausedUntil = until;
    // A reservoir of 0 holds every queued job; restoring it lets them out one minTime apart.
    settings({ reservoir: 0 });
    clearTimeout(resumeTimer);
    resumeTimer = setTimeout(() => {
      pausedUntil = 0;
      settings({ reservoir: null });
    }, until - now);
  };

  // Timers run late on a busy machine, and Bottleneck spaces each start from the last one, so the
  // pace falls behind the plan. While jobs are waiting, spacing shrinks by how far it fell behind
  // (the gate still holds the ceiling).
  const catchUp = (now: number, planned: number): number => {
    // In a cluster this process sends only its share of the pace: falling behind is not lateness.
    if (cluster) return 1;
    while (sent.length > 0 && sent[0]! <= now - 1000) sent.shift();
    const waiting = bottleneck.counts().QUEUED > 0;
    const behind = waiting && sent.length >= 5 ? Math.min(MAX_SLIP, Math.max(1, planned / sent.length)) : 1;
    slip += 0.2 * (behind - slip);
    return Math.max(1, slip);
  };

  const apply = (now: number): void => {
    const nextRate = rateAt(control, now);
    // In flight only ever grows: the rate's spacing already holds sends back, and every change of
    // Bottleneck's settings makes it drain its queue again.
    const nextInFlight = Math.max(inFlight, concurrencyFor(control, now, options.concurrency));
    const nextSlip = catchUp(now, nextRate);
    if (Math.abs(nextRate * nextSlip - rate * appliedSlip) > RESETTLE_SHARE * rate * appliedSlip || nextInFlight > GROW_SHARE * inFlight) {
      rate = nextRate;
      appliedSlip = nextSlip;
      inFlight = nextInFlight;
      settings(cluster ? { minTime: minTime(rate) } : { minTime: minTime(rate * appliedSlip), maxConcurrent: inFlight });
    }
    pauseUntil(control.pausedUntil, now);
  };

  const take = (answer: Answer): void => {
    observe(control, answer);
    apply(answer.at);
  };
  cluster?.onPeerAnswer(bottleneck, take);

  return {
    schedule: (job) => (cluster ? cluster.schedule(bottleneck, (departed) => throughGate(job, departed)) : bottleneck.schedule(() => throughGate(job))),
    observe(answer) {
      take(answer);
      cluster?.shareAnswer(bottleneck, answer);
    },
    get currentRate() {
      return rate;
    },
    async stop() {
      clearTimeout(resumeTimer);
      naps.wakeAll();
      await bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
    },
  };
}

/** With no rate limit there is nothing to space out (the dispatcher caps what is in flight), but a 429 still pauses everyone. */
function unlimited(): Limiter {
  let pausedUntil = 0;
  const naps = interruptibleSleep();
  const afterPause = async <T>(job: Job<T>): Promise<T> => {
    for (let wait = pausedUntil - Date.now(); wait > 0 && !naps.stopped; wait = pausedUntil - Date.now()) await naps.sleep(wait);
    return job();
  };
  return {
    schedule: (job) => (pausedUntil > Date.now() && !naps.stopped ? afterPause(job) : job()),
    observe(answer) {
      if (answer.kind === 'throttled') pausedUntil = Math.max(pausedUntil, Date.now() + pauseMs(answer.retryAfterMs));
    },
    currentRate: 0,
    stop: async () => naps.wakeAll(),
  };
}

/** Timers a stop can end at once, so no send waits out a pause after the run was told to stop. */
function interruptibleSleep(): { sleep(ms: number): Promise<void>; wakeAll(): void; readonly stopped: boolean } {
  let stopped = false;
  const sleepers = new Map<NodeJS.Timeout, () => void>();
  return {
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          sleepers.delete(timer);
          resolve();
        }, ms);
        sleepers.set(timer, resolve);
      }),
    wakeAll() {
      stopped = true;
      for (const [timer, wake] of sleepers) {
        clearTimeout(timer);
        wake();
      }
      sleepers.clear();
    },
    get stopped() {
      return stopped;
    },
  };
}
