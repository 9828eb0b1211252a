// The link to Redis that lets several collab-bulk processes share one allowance: Bottleneck's own
// clustering (datastore 'ioredis'), where every limiter with the same id draws its send slots from
// one Redis state, so the window's slots, the spacing, pauses and rate changes hold for all
// processes together (the limiter applies the pace the same way alone or shared: send-window.ts).
// A slot of a process that dies is freed by Bottleneck's job expiration.
// Around it, what Bottleneck leaves to us: when Redis goes away nothing new is granted (sending
// pauses), the cause is said once, jobs Redis dropped before they ran are scheduled again once it
// is back, settings that could not be written are written then, and after --redis-wait without
// Redis the run is given up (the sender stops it as interrupted, every row accounted for).
import { randomUUID } from 'node:crypto';
import Bottleneck from 'bottleneck';
import { redact, type ClusterOptions } from './cluster-options.js';
import type { Answer } from './rate-control.js';
import { createRedisClient, ioredis } from './redis-client.js';
import { CLUSTER_WINDOW_MS, HOLD_CAP_MS } from './send-window.js';

/** A limiter idle this long has its keys removed from Redis, so no stale pause outlives a run. */
const IDLE_KEYS_MS = 10 * 60_000;

export interface ClusterEvents {
  /** Redis cannot be reached (once per outage): nothing new is sent until it is back. */
  paused(cause: string): void;
  resumed(): void;
  /** Redis stayed away for waitMs: the run must stop; jobs still waiting run with nothing to send. */
  unavailable(cause: string): void;
}

/** A job Bottleneck granted is expired (its slot freed in Redis) this long after its grant: past any hold. */
const JOB_EXPIRATION_MS = HOLD_CAP_MS + CLUSTER_WINDOW_MS + 2_000;

export interface ClusterLink {
  /** Options that put a Bottleneck on the shared datastore. */
  bottleneckOptions(): Bottleneck.ConstructorOptions;
  /**
   * Runs `task` once `limiter` grants it a slot (scheduled again if Redis drops it before it
   * starts); refused once the link is released (the run stopped, or Redis was given up).
   */
  schedule<T>(limiter: Bottleneck, task: () => Promise<T>): Promise<T>;
  /** Writes shared settings; what Redis could not take is written once it is back. */
  update(limiter: Bottleneck, settings: Bottleneck.ConstructorOptions): void;
  /** Tells every other process on the limiter how the server answered us (Bottleneck's own messages). */
  shareAnswer(limiter: Bottleneck, answer: Answer): void;
  /** Calls `onAnswer` with each answer another process on the limiter got, on this process's clock. */
  onPeerAnswer(limiter: Bottleneck, onAnswer: (answer: Answer) => void): void;
  /** Sending is over (the run stops): jobs still waiting for a slot are dropped. */
  release(): void;
  close(): Promise<void>;
}

const ANSWER = 'answer';
const KINDS: readonly Answer['kind'][] = ['granted', 'throttled', 'failed'];

export function openCluster(options: ClusterOptions, events: ClusterEvents): ClusterLink {
  const { waitMs } = options;
  /** Tells this process's own messages apart from its peers'. */
  const self = randomUUID();
  const client = createRedisClient(options.redisUrl);
  const connection = new Bottleneck.IORedisConnection({ client, Redis: ioredis().Redis });
  const where = redact(options.redisUrl);
  const seconds = Math.round(waitMs / 1000);
  let up = false;
  let released = false;
  let announced = false;
  let cause = 'no answer yet';
  let giveUpTimer: NodeJS.Timeout | undefined;
  let waiters: (() => void)[] = [];
  const limiters = new Set<Bottleneck>();
  const unwritten = new Map<Bottleneck, Bottleneck.ConstructorOptions>();

  const wake = (): void => {
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  const whenUp = (): Promise<void> => (up || released ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)));
  const release = (): void => {
    if (released) return;
    released = true;
    clearTimeout(giveUpTimer);
    // Jobs held in Bottleneck's queue are dropped, so their schedule() calls end (and run unsent).
    for (const limiter of limiters) limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
    wake();
  };
  const startClock = (): void => {
    giveUpTimer ??= setTimeout(() => {
      if (released) return;
      events.unavailable(`Redis at ${where} was unreachable for ${seconds} s (${cause})`);
      release();
    }, waitMs);
  };
  /** Redis cannot grant slots: say so once per outage, and start the clock towards giving up. */
  const trouble = (): void => {
    if (released) return;
    if (!announced) {
      announced = true;
      events.paused(`Redis at ${where} ${up ? 'went away' : 'cannot be reached'} (${cause}): nothing is sent until it answers, for up to ${seconds} s`);
    }
    startClock();
  };
  /** A slot was granted while connected: Redis works (a slot granted before an outage can start during it). */
  const healthy = (): void => {
    if (!up) return;
    clearTimeout(giveUpTimer);
    giveUpTimer = undefined;
    if (!announced || released) return;
    announced = false;
    events.resumed();
  };
  const update = (limiter: Bottleneck, settings: Bottleneck.ConstructorOptions): void => {
    const merged = { ...unwritten.get(limiter), ...settings };
    unwritten.set(limiter, merged);
    // Typed as returning the limiter, but it is async: it resolves once Redis has the settings.
    (limiter.updateSettings(merged) as unknown as Promise<unknown>).then(
      () => {
        if (unwritten.get(limiter) === merged) unwritten.delete(limiter);
      },
      () => undefined,
    );
  };

  connection.on('error', (error: Error) => {
    cause = describe(error);
  });
  client.on('close', () => {
    trouble();
    up = false;
  });
  client.on('ready', () => {
    up = true;
    cause = 'connection closed';
    if (released) return;
    for (const [limiter, settings] of unwritten) update(limiter, settings);
    // A job queued in Bottleneck while Redis was away waits for a drain; any new job starts one.
    for (const limiter of limiters) limiter.schedule({ weight: 0, priority: 0 }, async () => undefined).catch(() => undefined);
    wake();
  });
  // A Redis never reached at all gives up after the same wait.
  startClock();

  return {
    bottleneckOptions: () => ({
      id: options.limiterId,
      datastore: 'ioredis',
      connection,
      clearDatastore: false,
      timeout: IDLE_KEYS_MS,
    }),
    async schedule<T>(limiter: Bottleneck, task: () => Promise<T>): Promise<T> {
      limiters.add(limiter);
      for (;;) {
        await whenUp();
        // Released (stopped, or Redis given up): the dispatcher is stopped, nothing more is sent.
        if (released) throw new Bottleneck.BottleneckError('the shared limiter was released');
        let started = false;
        try {
          return await limiter.schedule({ expiration: JOB_EXPIRATION_MS }, () => {
            started = true;
            healthy();
            return task();
          });
        } catch (error) {
          if (started) throw error;
          // Refused before it ran (Redis away, or its scripts failing): wait a little, then ask again.
          if (released) throw error;
          if (up) cause = describe(error as Error);
          trouble();
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    update,
    shareAnswer(limiter, answer) {
      // performance.now() is per process; the wall clock (ms since the epoch) is what processes share.
      const origin = performance.timeOrigin;
      const fields = [ANSWER, self, KINDS.indexOf(answer.kind), Math.round(origin + answer.sentAt), Math.round(origin + answer.at), answer.retryAfterMs ?? ''];
      limiter.publish(fields.join(':')).catch(() => undefined);
    },
    onPeerAnswer(limiter, onAnswer) {
      limiter.on('message', (message: string) => {
        const [tag, from, kind, sentAt, at, wait] = message.split(':');
        const answerKind = KINDS[Number(kind)];
        if (tag !== ANSWER || from === self || !answerKind) return;
        // Messages arrive a little after the answer; the controller's clock must not run backwards.
        const local = (epoch: string | undefined): number => Math.min(performance.now(), Number(epoch) - performance.timeOrigin);
        onAnswer({ kind: answerKind, sentAt: local(sentAt), at: local(at), ...(wait ? { retryAfterMs: Number(wait) } : {}) });
      });
    },
    release,
    async close() {
      release();
      await connection.disconnect(false).catch(() => undefined);
    },
  };
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? error.message.split('\n')[0] ?? 'error';
}
