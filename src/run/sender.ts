// Everything between a planned row and its result that touches the network: the client, the
// shared limiter, the dispatcher, and the guard that stops a run early. Rows go in with
// submit(); their results come out through onResult, in whatever order they settle. A stop (from
// the StopControl, whoever asked) sends nothing more and gives requests in flight the grace time,
// counted from the stop, after which their rows are settled as unknown.
import { createClient } from '../api/client.js';
import type { SendOutcome } from '../api/classify.js';
import { openCluster } from '../api/cluster.js';
import { createLimiter, type Answer } from '../api/limiter.js';
import { DEFAULT_RETRY_POLICY, MAX_SERVER_WAIT_MS } from '../api/retry-policy.js';
import type { SendPlan } from '../rows/plan.js';
import type { RowResult } from '../rows/row-result.js';
import { countAnswer, countSend, type RunCounts, type StopReason } from '../output/summary.js';
import { isRerunnable } from '../api/classify.js';
import { Dispatcher, type AgentTask, type Settlement } from './dispatcher.js';
import { summariseRow, tallyFor, type RowTally } from './row-outcome.js';
import type { AgentEnd, SharedAgents } from './shared-agents.js';
import { createRunGuard, isUnreachable, observeAnswer, observeRow, UNREACHABLE_AFTER_MS, type RunGuard } from './run-guard.js';
import { AUTO_START_RATE, type RunOptions } from './options.js';
import type { StopControl } from './stop-control.js';

export interface Sender {
  submit(plan: SendPlan): void;
  /** Sends nothing more; rows not yet sent settle as not attempted. */
  stop(reason: StopReason, detail?: string): void;
  readonly stopReason: StopReason | undefined;
  /** Waits for every submitted row to settle (in-flight requests get the grace time after a stop). */
  finish(): Promise<void>;
  /** Seconds from the first send to the last answer. */
  readonly sendSeconds: number;
  readonly currentRate: number;
  /** The guard's view, for whoever needs to know whether the key or the chats were refused. */
  readonly guard: RunGuard;
  /** Agents waiting out a backoff before their next try. */
  readonly retriesWaiting: number;
}

/** Called once per request answer (or network failure), with the rows it carried: for the progress display and the report's chart. */
export type AnswerHook = (outcome: SendOutcome, rows: readonly number[], isRetry: boolean) => void;

export interface SenderContext {
  /** When the run started (the unreachable-API clock counts from then). */
  startedAt?: number;
  /** Where rows that share an agent with an earlier row learn its outcome. */
  shared?: SharedAgents;
  /** False for a row another shard sends: its outcome is not known here. */
  mine?(row: number): boolean;
  onAnswer?: AnswerHook;
  /** One-line notices for the person watching (Redis lost and back). */
  notice?(message: string): void;
}

export function createSender(options: RunOptions, counts: RunCounts, stops: StopControl, onResult: (result: RowResult) => void, context: SenderContext = {}): Sender {
  const startedAt = context.startedAt ?? Date.now();
  const { onAnswer } = context;
  const notice = context.notice ?? (() => undefined);
  // --redis-url: the limiter's state lives in Redis, shared with every process on the same limiter.
  const cluster =
    options.cluster && !options.dryRun && options.rate > 0
      ? openCluster(options.cluster, {
          paused: notice,
          resumed: () => notice('Redis answers again: sending goes on'),
          unavailable: (cause) => stops.stop('redis_unavailable', `${cause}: rows not sent are in retry.csv (or finish with --resume)`),
        })
      : undefined;
  const limiter = createLimiter({ ceiling: options.rate, start: options.rateAuto ? AUTO_START_RATE : options.rate }, cluster);
  if (options.cluster && options.rate <= 0 && !options.dryRun) notice('--redis-url shares a rate limit, but --rate 0 sets none: this process is not paced with the others');
  const client = createClient({ ...options, maxSockets: options.concurrency });
  const guard = createRunGuard(options.maxErrorRate, startedAt);
  let firstSend = 0;
  let lastSend = 0;
  let lastAnswer = 0;
  let graceTimer: NodeJS.Timeout | undefined;
  let unreachableTimer: NodeJS.Timeout | undefined;

  const stopFor = (reason: StopReason): void => stops.stop(reason, stopDetail(reason, options, guard));
  const checkUnreachable = (): void => {
    if (isUnreachable(guard)) stopFor('api_unreachable');
  };

  const dispatcher = new Dispatcher({
    client,
    limiter,
    policy: { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries },
    concurrency: options.concurrency,
    maxAgentsPerRequest: options.maxAgentsPerRequest,
    coalesce: options.coalesce,
    onSend(tasks) {
      lastSend = Date.now();
      firstSend ||= lastSend;
      countSend(counts, tasks.some((task) => task.attempts > 1));
    },
    onAnswer(outcome: SendOutcome, tasks: readonly AgentTask[], sentAt: number) {
      lastAnswer = Date.now();
      countAnswer(counts, outcome);
      onAnswer?.(outcome, [...new Set(tasks.map((task) => task.tally.row))], tasks.some((task) => task.attempts > 1));
      limiter.observe(answerOf(outcome, sentAt));
      if (outcome.kind === 'error' && (outcome.retryAfterMs ?? 0) > MAX_SERVER_WAIT_MS) return stopFor('server_wait_too_long');
      const first = tasks[0];
      const reason = first && observeAnswer(guard, outcome, `${first.waba}|${first.customer}`);
      if (reason) return stopFor(reason);
      // Requests failing before any answer may all sit in backoff when the time is up: check then too.
      if (guard.networkError && !unreachableTimer) {
        unreachableTimer = setTimeout(checkUnreachable, Math.max(0, guard.startedAt + UNREACHABLE_AFTER_MS - Date.now()));
      }
    },
    onAgentSettled(task, how) {
      context.shared?.settled(task.waba, task.customer, task.agent.digits, agentEnd(how));
    },
    onRowSettled: (tally) => rowSettled(tally),
  });
  const rowSettled = (tally: RowTally): void => {
    const result = summariseRow(tally);
    onResult(result);
    const reason = observeRow(guard, result);
    if (reason) stopFor(reason);
  };

  stops.onStop(() => {
    clearTimeout(unreachableTimer);
    dispatcher.stop();
    // After the dispatcher: a job let out of the shared limiter must find nothing left to send.
    cluster?.release();
    // Requests already on the wire get a bounded time to answer, counted from the stop itself.
    graceTimer = setTimeout(() => dispatcher.abandon(), options.graceMs);
  });

  return {
    submit(plan) {
      const { shared } = context;
      const borrowed = shared ? (plan.shared ?? []).filter(({ firstRow }) => context.mine?.(firstRow) ?? true) : [];
      const tally = tallyFor(plan);
      tally.agentCount += borrowed.length;
      tally.open += borrowed.length;
      // Nothing to send or wait for: the unknown agents settled it, the rest went with another shard.
      if (tally.open === 0) return rowSettled(tally);
      for (const { agent, firstRow } of borrowed) shared?.borrow(tally, plan.waba, plan.customer, agent, firstRow, rowSettled);
      dispatcher.submit(plan.agents.map((agent) => ({ tally, waba: plan.waba, customer: plan.customer, agent, attempts: 0, failures: 0, throttled: 0 })));
    },
    stop(reason, detail) {
      stops.stop(reason, detail ?? stopDetail(reason, options, guard));
    },
    get stopReason() {
      return stops.reason;
    },
    async finish() {
      await dispatcher.idle();
      clearTimeout(graceTimer);
      clearTimeout(unreachableTimer);
      // First end the sockets of abandoned requests (a 40 s answer must not hold the process open),
      // then the limiter, which waits for the jobs it is running, then the link to Redis.
      client.close();
      await limiter.stop();
      await cluster?.close();
    },
    get sendSeconds() {
      if (!firstSend || lastAnswer <= firstSend) return 0;
      // Each send takes 1/ceiling of a second's allowance, the last one too: counted so, the
      // achieved rate never reads above the ceiling when the answers come back quickly.
      const allowance = options.rate > 0 ? lastSend - firstSend + 1000 / options.rate : 0;
      return Math.max(lastAnswer - firstSend, allowance) / 1000;
    },
    get currentRate() {
      return limiter.currentRate;
    },
    guard,
    get retriesWaiting() {
      return dispatcher.retriesWaiting;
    },
  };
}

function agentEnd(how: Settlement): AgentEnd {
  if (how.kind === 'ok') return { kind: 'ok' };
  if (how.kind === 'unsent') return { kind: 'unsent' };
  return { kind: isRerunnable(how.failure) ? 'retryable' : 'permanent', code: how.failure.code };
}

/** The sentence a stop reason needs beyond its name: which URL, which error. */
function stopDetail(reason: StopReason, options: RunOptions, guard: RunGuard): string | undefined {
  if (reason === 'api_unreachable') {
    return `the API at ${options.baseUrl} could not be reached (${guard.networkError ?? 'network error'}): check --base-url and the network, then rerun retry.csv or --resume`;
  }
  if (reason === 'endpoint_not_found') {
    return `every request to ${options.baseUrl} answered 404 Not Found: check --base-url (DoubleTick's API is https://public.doubletick.io), then rerun retry.csv or --resume`;
  }
  if (reason === 'server_wait_too_long') {
    return `the API asked for a pause of more than ${MAX_SERVER_WAIT_MS / 60_000} minutes: finish later with --resume (or rerun retry.csv)`;
  }
  return undefined;
}

/** What an answer says about our pace: only a 429 is about it; a 503's Retry-After delays that request's retry alone. */
function answerOf(outcome: SendOutcome, sentAt: number): Answer {
  const at = performance.now();
  if (outcome.kind === 'answered') return { sentAt, at, kind: 'granted' };
  if (outcome.httpStatus === 429) return { sentAt, at, kind: 'throttled', retryAfterMs: outcome.retryAfterMs };
  // A 4xx was still taken and judged by the server; a 5xx, a timeout or no answer says nothing about our pace.
  const taken = outcome.httpStatus !== undefined && outcome.httpStatus < 500;
  return { sentAt, at, kind: taken ? 'granted' : 'failed' };
}
