// The shared throttle every send goes through (first tries and retries alike): Bottleneck spaces
// request starts and caps how many are in flight; under it a sliding-window gate on the real send
// times keeps every window at or under the rate; a 429 pauses everyone until Retry-After and
// lowers the rate, which then recovers gradually (AIMD).
import Bottleneck from 'bottleneck';
import type { ClusterLink } from './cluster.js';
import { createRateControl, onAnswered, onThrottled, type RateControl } from './rate-control.js';
import { MAX_SERVER_WAIT_MS } from './retry-policy.js';
import { SendWindow } from './send-window.js';

/** A paced job gets `left`, to call once its request is on the wire: the gate counts from then. */
export type Job<T> = (left?: () => void) => Promise<T>;

export interface Limiter {
  schedule<T>(job: Job<T>): Promise<T>;
  /** The server asked us to slow down: pause all sends for `waitMs` and lower the rate. */
  throttled(waitMs: number | undefined): void;
  answered(): void;
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

/** With `cluster`, Bottleneck keeps its state in Redis: every process on the same limiter id shares the rate and the pauses. */
export function createLimiter(rate: number, concurrency: number, cluster?: ClusterLink): Limiter {
  if (rate <= 0) return unlimited();
  const control: RateControl = createRateControl(rate);
  const minTime = (r: number): number => Math.round((GATE_WINDOW_MS / r) * 1000) / 1000;
  const bottleneck = new Bottleneck({ maxConcurrent: concurrency, minTime: minTime(rate), ...cluster?.bottleneckOptions(rate) });
  const settings = (changed: Bottleneck.ConstructorOptions): void => (cluster ? cluster.update(bottleneck, changed) : void bottleneck.updateSettings(changed));
  // A process joining a shared limiter brings its own --rate: the last to join sets the pace for all.
  if (cluster) settings({ minTime: minTime(rate), maxConcurrent: cluster.slots(rate), reservoir: null });
  const gate = new SendWindow(Math.max(1, Math.floor(rate)), GATE_WINDOW_MS);
  let resumeTimer: NodeJS.Timeout | undefined;
  let pausedUntil = 0;

  const throughGate = async <T>(job: Job<T>, departed?: () => void): Promise<T> => {
    for (let wait = gate.waitMs(performance.now()); wait > 0; wait = gate.waitMs(performance.now())) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    }
    const ticket = gate.record(performance.now());
    return job(() => {
      gate.left(ticket, performance.now());
      departed?.();
    });
  };

  const throttled = (waitMs: number | undefined): void => {
    const now = Date.now();
    if (onThrottled(control, now)) settings({ minTime: minTime(control.current) });
    const until = now + pauseMs(waitMs);
    if (until <= pausedUntil) return;
    pausedUntil = until;
    // A reservoir of 0 holds every queued job; restoring it lets them out one minTime apart.
    settings({ reservoir: 0 });
    clearTimeout(resumeTimer);
    resumeTimer = setTimeout(() => {
      pausedUntil = 0;
      settings({ reservoir: null });
    }, until - now);
  };
  // A 429 seen by another process on the shared limiter slows this one as if it were its own.
  cluster?.onPeerThrottled(bottleneck, throttled);

  return {
    schedule: (job) => (cluster ? cluster.schedule(bottleneck, (departed) => throughGate(job, departed)) : bottleneck.schedule(() => throughGate(job))),
    throttled(waitMs) {
      throttled(waitMs);
      cluster?.shareThrottle(bottleneck, waitMs);
    },
    answered() {
      if (onAnswered(control, Date.now())) settings({ minTime: minTime(control.current) });
    },
    get currentRate() {
      return control.current;
    },
    async stop() {
      clearTimeout(resumeTimer);
      await bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
    },
  };
}

/** With no rate limit there is nothing to space out (the dispatcher caps what is in flight), but a 429 still pauses everyone. */
function unlimited(): Limiter {
  let pausedUntil = 0;
  let stopped = false;
  const sleepers = new Map<NodeJS.Timeout, () => void>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        sleepers.delete(timer);
        resolve();
      }, ms);
      sleepers.set(timer, resolve);
    });
  const afterPause = async <T>(job: Job<T>): Promise<T> => {
    for (let wait = pausedUntil - Date.now(); wait > 0 && !stopped; wait = pausedUntil - Date.now()) await sleep(wait);
    return job();
  };
  return {
    schedule: (job) => (pausedUntil > Date.now() && !stopped ? afterPause(job) : job()),
    throttled(waitMs) {
      pausedUntil = Math.max(pausedUntil, Date.now() + pauseMs(waitMs));
    },
    answered() {},
    currentRate: 0,
    stop: async () => {
      stopped = true;
      for (const [timer, wake] of sleepers) {
        clearTimeout(timer);
        wake();
      }
      sleepers.clear();
    },
  };
}
