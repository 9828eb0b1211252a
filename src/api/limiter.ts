// The shared throttle every send goes through (first tries and retries alike): Bottleneck spaces
// request starts by minTime and caps how many are in flight; a 429 pauses everyone until
// Retry-After and lowers the rate, which then recovers gradually.
import Bottleneck from 'bottleneck';
import { createRateControl, onAnswered, onThrottled, type RateControl } from './rate-control.js';

export interface Limiter {
  schedule<T>(job: () => Promise<T>): Promise<T>;
  /** The server asked us to slow down: pause all sends for `waitMs` and lower the rate. */
  throttled(waitMs: number | undefined): void;
  answered(): void;
  readonly currentRate: number;
  stop(): Promise<void>;
}

// Starts are spaced a hair wider than 1/R so that send-time jitter on a busy machine cannot
// squeeze R+1 arrivals into one second at the server.
const SPACING_MARGIN = 1.012;

export function createLimiter(rate: number, concurrency: number): Limiter {
  if (rate <= 0) return unlimited(concurrency);
  const control: RateControl = createRateControl(rate);
  const minTime = (r: number): number => Math.ceil((1000 / r) * SPACING_MARGIN * 1000) / 1000;
  const bottleneck = new Bottleneck({ maxConcurrent: concurrency, minTime: minTime(rate) });
  let resumeTimer: NodeJS.Timeout | undefined;
  let pausedUntil = 0;

  return {
    schedule: (job) => bottleneck.schedule(job),
    throttled(waitMs) {
      const now = Date.now();
      if (onThrottled(control, now)) bottleneck.updateSettings({ minTime: minTime(control.current) });
      const until = now + Math.max(waitMs ?? 1000, 0);
      if (until <= pausedUntil) return;
      pausedUntil = until;
      // A reservoir of 0 holds every queued job; restoring it lets them out one minTime apart.
      bottleneck.updateSettings({ reservoir: 0 });
      clearTimeout(resumeTimer);
      resumeTimer = setTimeout(() => {
        pausedUntil = 0;
        bottleneck.updateSettings({ reservoir: null });
      }, until - now);
    },
    answered() {
      if (onAnswered(control, Date.now())) bottleneck.updateSettings({ minTime: minTime(control.current) });
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

/** With no rate limit there is nothing to space out: only the in-flight cap remains, kept by the dispatcher. */
function unlimited(concurrency: number): Limiter {
  void concurrency;
  return {
    schedule: (job) => job(),
    throttled() {},
    answered() {},
    currentRate: 0,
    stop: async () => {},
  };
}
