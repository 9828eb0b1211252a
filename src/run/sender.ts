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
import type { Pair, PairOutcome } from '../rows/pair.js';
import { Dispatcher, type AgentTask } from './dispatcher.js';
import { addsWentThrough, keptOn, settleSlot, summariseRow, tallyFor, type RowTally } from './row-outcome.js';
import { notSentOutcome } from './not-sent.js';
import { createAssigner } from './assigner.js';
import type { SharedAgents } from './shared-agents.js';
import { createRunGuard, isUnreachable, observeAnswer, observeRow, UNREACHABLE_AFTER_MS, type RunGuard } from './run-guard.js';
import { AUTO_START_RATE, type RunOptions } from './options.js';
import type { StopControl } from './stop-control.js';

export interface Sender {
  /** Sends the row's agents; `carried` are pairs an earlier session already applied (by agent digits), not sent again. */
  submit(plan: SendPlan, carried?: ReadonlyMap<string, PairOutcome>): void;
  /** Settles a row without sending it (--dry-run, the run stopped): its own pairs end as `outcome` (or as `carried` says), borrowed ones as their owners did. */
  skip(plan: SendPlan, outcome: PairOutcome, carried?: ReadonlyMap<string, PairOutcome>): void;
  /** Removes one pair (--mirror), through the same limiter and retries; it settles as a tally marked `removal`. */
  remove(pair: Pair): void;
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
  onAnswer?: AnswerHook;
  /** One-line notices for the person watching (Redis lost and back). */
  notice?(message: string): void;
}

export function createSender(options: RunOptions, counts: RunCounts, stops: StopControl, onResult: (result: RowResult, tally: RowTally) => void, context: SenderContext = {}): Sender {
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
  const assigner = createAssigner(options, limiter, counts, stops);
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
    ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}),
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
    onAgentSettled(task, outcome) {
      context.shared?.settled({ waba: task.waba, customer: task.customer, agent: task.agent.digits }, outcome, task.action);
    },
    notSent: () => notSentOutcome(stops.reason),
    onRowSettled: (tally) => rowSettled(tally),
  });
  const rowSettled = (tally: RowTally): void => {
    const result = summariseRow(tally);
    onResult(result, tally);
    const reason = observeRow(guard, result);
    if (reason) stopFor(reason);
  };

  /** A row's tally, its borrowed pairs waiting on their owners; a row with nothing open settles at once. */
  const start = (plan: SendPlan): RowTally => {
    const tally = tallyFor(plan);
    if (tally.open === 0) rowSettled(tally);
    (plan.shared ?? []).forEach(({ agent }, i) => {
      const pair = { waba: plan.waba, customer: plan.customer, agent: agent.digits };
      if (context.shared) context.shared.borrow(tally, plan.agents.length + i, pair, rowSettled, plan.action);
      else if (settleSlot(tally, plan.agents.length + i, notSentOutcome(stops.reason))) rowSettled(tally);
    });
    return tally;
  };
  const settleFrom = (tally: RowTally, i: number, outcome: PairOutcome): void => {
    if (settleSlot(tally, (tally.fromStart ?? 0) + i, outcome)) rowSettled(tally);
  };
  /** A reassignment row's second half: its from-agents go only when every agent put on went through. */
  const takeOff = (plan: SendPlan, tally: RowTally, carried?: ReadonlyMap<string, PairOutcome>): void => {
    const from = plan.from ?? [];
    if (!addsWentThrough(tally)) {
      if (tally.assignTo) tally.assigned = 'no';
      return from.forEach((_, i) => settleFrom(tally, i, keptOn(tally)));
    }
    if (tally.assignTo) assigner.assign(tally, rowSettled);
    const tasks: AgentTask[] = [];
    from.forEach((agent, i) => {
      const earlier = carried?.get(agent.digits);
      if (earlier) settleFrom(tally, i, earlier);
      else tasks.push({ tally, slot: (tally.fromStart ?? 0) + i, waba: plan.waba, customer: plan.customer, agent, action: 'remove', attempts: 0, failures: 0, throttled: 0 });
    });
    if (tasks.length > 0) dispatcher.submit(tasks);
  };
  const settleOwn = (plan: SendPlan, tally: RowTally, slot: number, outcome: PairOutcome): void => {
    const agent = plan.agents[slot]!;
    context.shared?.settled({ waba: plan.waba, customer: plan.customer, agent: agent.digits }, outcome, plan.action);
    if (settleSlot(tally, slot, outcome)) rowSettled(tally);
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
    submit(plan, carried) {
      const tally = start(plan);
      if (tally.fromStart !== undefined) tally.afterAdds = () => takeOff(plan, tally, carried);
      const fresh: AgentTask[] = [];
      plan.agents.forEach((agent, slot) => {
        const earlier = carried?.get(agent.digits);
        if (earlier) settleOwn(plan, tally, slot, earlier);
        else fresh.push({ tally, slot, waba: plan.waba, customer: plan.customer, agent, ...(plan.action ? { action: plan.action } : {}), attempts: 0, failures: 0, throttled: 0 });
      });
      if (fresh.length > 0) dispatcher.submit(fresh);
      // No add left to wait for (none, or all carried or borrowed): take the from-agents off now.
      if (tally.afterAdds && fresh.length === 0 && tally.agents.slice(0, tally.fromStart).every((slot) => slot.outcome)) {
        tally.afterAdds = undefined;
        takeOff(plan, tally, carried);
      }
    },
    remove(pair) {
      const agent = { raw: pair.agent, digits: pair.agent };
      const tally: RowTally = { row: 0, waba: pair.waba, customer: pair.customer, agents: [{ ...agent }], open: 1, sends: 0, removal: true };
      dispatcher.submit([{ tally, slot: 0, waba: pair.waba, customer: pair.customer, agent, action: 'remove', attempts: 0, failures: 0, throttled: 0 }]);
    },
    skip(plan, outcome, carried) {
      const tally = start(plan);
      plan.agents.forEach((agent, slot) => settleOwn(plan, tally, slot, carried?.get(agent.digits) ?? outcome));
      (plan.from ?? []).forEach((agent, i) => settleFrom(tally, i, carried?.get(agent.digits) ?? outcome));
    },
    stop(reason, detail) {
      stops.stop(reason, detail ?? stopDetail(reason, options, guard));
    },
    get stopReason() {
      return stops.reason;
    },
    async finish() {
      await dispatcher.idle();
      await assigner.idle();
      assigner.close();
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
