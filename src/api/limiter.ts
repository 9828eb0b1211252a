// The shared throttle every send goes through (first tries and retries alike).
// One mechanism paces sends: a Bottleneck, local or on Redis with the very same settings, is the
// only thing that times a send. The rate controller (rate-control.ts) decides the pace from the
// answers and nothing else; the limiter turns that pace into Bottleneck's settings
// (send-window.ts): maxConcurrent is a sliding window's slots, each send holding its slot from its
// grant until a window after its bytes left, so no window ever holds more than the slots (at an
// explicit --rate R, never more than R) however late timers run; minTime spaces the grants at the
// pace (and steps back once a window at the ceiling has set the slots' spacing); a reservoir of 0
// holds every grant through a pause, and a stop drops whatever waits.
// Bottleneck plans each job's start when it takes the job in, so a cut or a pause reaches only jobs
// it takes in later: the limiter hands it just enough jobs to keep it busy (AHEAD_MS of the pace),
// keeping the rest itself. With --redis-url the slots, spacing and pauses live in Redis and every
// process hears every answer (Bottleneck's cluster messages), so each controller follows the whole
// cluster's pace and they write the same shared settings.
import Bottleneck from 'bottleneck';
import type { ClusterLink } from './cluster.js';
import { answerWithoutTimerTurns } from './local-store-turns.js';
import { createRateControl, observe, rateAt, type Answer } from './rate-control.js';
import { MAX_SERVER_WAIT_MS } from './retry-policy.js';
import { CLUSTER_WINDOW_MS, LOCAL_WINDOW_MS, SlotHolds, windowSettings } from './send-window.js';

export type { Answer } from './rate-control.js';

/** A paced job gets `left`, to call once its request is on the wire: its slot is held a window from then. */
export type Job<T> = (left?: () => void) => Promise<T>;

export interface LimiterOptions {
  /** Requests per second never exceeded in any window; 0 = no limit. */
  ceiling: number;
  /** Where the adaptive pace starts (at most the ceiling). */
  start: number;
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

/** Settings are rewritten only when the pace moved by more than this share. */
const RESETTLE_SHARE = 0.01;
/** Jobs handed to Bottleneck ahead of their start: this long at the pace, and at least MIN_AHEAD. */
const AHEAD_MS = 20;
const MIN_AHEAD = 2;

interface Waiting {
  job: Job<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** With `cluster`, Bottleneck keeps its state in Redis: every process on the same limiter id shares the slots, the pace and the pauses. */
export function createLimiter(options: LimiterOptions, cluster?: ClusterLink): Limiter {
  if (options.ceiling <= 0) return unlimited();
  const windowMs = cluster ? CLUSTER_WINDOW_MS : LOCAL_WINDOW_MS;
  const control = createRateControl({ ceiling: options.ceiling, start: options.start }, performance.now());
  const slotCount = Math.max(1, Math.floor(options.ceiling));
  // Grants at the ceiling since the pace last reached it (a pause comes with a cut): a window's worth spaced at the pace, which the slots then repeat.
  let spacedGrants = 0;
  const settingsFor = (pace: number): Bottleneck.ConstructorOptions =>
    windowSettings(pace, options.ceiling, cluster !== undefined, spacedGrants >= slotCount);
  let rate = rateAt(control, performance.now());
  const bottleneck = new Bottleneck({ ...settingsFor(rate), ...cluster?.bottleneckOptions() });
  if (!cluster) answerWithoutTimerTurns(bottleneck);
  const write = (changed: Bottleneck.ConstructorOptions): void => (cluster ? cluster.update(bottleneck, changed) : void bottleneck.updateSettings(changed));
  // A process joining a shared limiter brings its own ceiling and pace: the last to join sets them for all.
  if (cluster) write({ ...settingsFor(rate), reservoir: null });
  const slots = new SlotHolds(windowMs);
  const waiting: Waiting[] = [];
  let handed = 0;
  let stopped = false;
  let resumeTimer: NodeJS.Timeout | undefined;
  let pausedUntil = 0;

  const feed = (): void => {
    const ahead = Math.max(MIN_AHEAD, Math.ceil((rate * AHEAD_MS) / 1000));
    while (!stopped && handed < ahead && waiting.length > 0) hand(waiting.shift()!);
  };
  const hand = (entry: Waiting): void => {
    handed++;
    let begun = false;
    const task = (): Promise<void> => {
      begun = true;
      handed--;
      if (rate >= options.ceiling && ++spacedGrants === slotCount) write(settingsFor(rate));
      feed();
      return slots.hold((left) => {
        const run = Promise.resolve().then(() => entry.job(left));
        run.then(entry.resolve, entry.reject);
        return run;
      });
    };
    (cluster ? cluster.schedule(bottleneck, task) : bottleneck.schedule(task)).catch((error: unknown) => {
      if (begun) return;
      // Dropped before it ran (a stop): nothing was sent.
      handed--;
      entry.reject(error);
      feed();
    });
  };

  const pauseUntil = (wanted: number, now: number): void => {
    const until = Math.min(wanted, now + MAX_SERVER_WAIT_MS);
    if (stopped || until <= pausedUntil || until <= now) return;
    pausedUntil = until;
    write({ reservoir: 0 });
    clearTimeout(resumeTimer);
    resumeTimer = setTimeout(() => {
      pausedUntil = 0;
      write({ reservoir: null });
    }, until - now);
  };

  const take = (answer: Answer): void => {
    observe(control, answer);
    const next = rateAt(control, answer.at);
    if (Math.abs(next - rate) > RESETTLE_SHARE * rate) {
      rate = next;
      if (rate < options.ceiling) spacedGrants = 0;
      write(settingsFor(rate));
      feed();
    }
    pauseUntil(control.pausedUntil, answer.at);
  };
  cluster?.onPeerAnswer(bottleneck, take);

  return {
    schedule: <T>(job: Job<T>) =>
      new Promise<T>((resolve, reject) => {
        if (stopped) return reject(new Bottleneck.BottleneckError('the limiter was stopped'));
        waiting.push({ job, resolve: resolve as (value: unknown) => void, reject });
        feed();
      }),
    observe(answer) {
      take(answer);
      cluster?.shareAnswer(bottleneck, answer);
    },
    get currentRate() {
      return rate;
    },
    async stop() {
      stopped = true;
      clearTimeout(resumeTimer);
      const error = new Bottleneck.BottleneckError('the limiter was stopped');
      for (const entry of waiting.splice(0)) entry.reject(error);
      // Alone, this process sends nothing more: its slots can go now. Shared, the other processes'
      // sends count on them until their window ends.
      if (!cluster) slots.releaseAll();
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
