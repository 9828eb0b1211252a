// The shared throttle every send goes through (first tries and retries alike): Bottleneck spaces
// request starts by minTime and caps how many are in flight; a 429 pauses everyone until
// Retry-After and lowers the rate, which then recovers gradually.
import Bottleneck from 'bottleneck';
import { createRateControl, onAnswered, onThrottled, type RateControl } from './rate-control.js';
import { SendWindow } from './send-window.js';

export interface Limiter {
  schedule<T>(job: () => Promise<T>): Promise<T>;
  /** The server asked us to slow down: pause all sends for `waitMs` and lower the rate. */
  throttled(waitMs: number | undefined): void;
  answered(): void;
  readonly currentRate: number;
  stop(): Promise<void>;
}

// The gate's window is a little over a second so that the few milliseconds between our send and
// the server's clock cannot put R+1 arrivals into one of its seconds.
const GATE_WINDOW_MS = 1_015;
// Bottleneck spaces starts just under the gate's pace, so the gate only steps in when timers run
// late and would otherwise bunch sends together (each time it does, a send waits on a timer).
const SPACING = 1.01;

export function createLimiter(rate: number, concurrency: number): Limiter {
  if (rate <= 0) return unlimited();
  const control: RateControl = createRateControl(rate);
  const minTime = (r: number): number => Math.ceil(((1000 * SPACING) / r) * 1000) / 1000;
  const bottleneck = new Bottleneck({ maxConcurrent: concurrency, minTime: minTime(rate) });
  const gate = new SendWindow(Math.max(1, Math.floor(rate)), GATE_WINDOW_MS);
  let resumeTimer: NodeJS.Timeout | undefined;
  let pausedUntil = 0;

  return {
    schedule: (job) =>
      bottleneck.schedule(async () => {
        await gate.acquire();
        return job();
      }),
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

/** With no rate limit there is nothing to space out (the dispatcher caps what is in flight), but a 429 still pauses everyone. */
function unlimited(): Limiter {
  let pausedUntil = 0;
  return {
    async schedule(job) {
      for (let wait = pausedUntil - Date.now(); wait > 0; wait = pausedUntil - Date.now()) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      return job();
    },
    throttled(waitMs) {
      pausedUntil = Math.max(pausedUntil, Date.now() + (waitMs ?? 1000));
    },
    answered() {},
    currentRate: 0,
    stop: async () => {},
  };
}
