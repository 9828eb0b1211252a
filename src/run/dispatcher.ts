// Sends waiting agents as requests. Agents wait grouped by chat; when the limiter grants a slot,
// the oldest chat's agents (up to --max-agents-per-request) go out as one request, so rows that
// name the same chat share a request. Every send, first or retry, goes through the limiter.
import type { CountryCode } from 'libphonenumber-js';
import type { CollaboratorClient } from '../api/client.js';
import { matchAnswer } from '../api/answer-match.js';
import { isRerunnable, type SendOutcome } from '../api/classify.js';
import type { Limiter } from '../api/limiter.js';
import { buildRequest, type Action } from '../api/request.js';
import { decideRetry, type RetryPolicy } from '../api/retry-policy.js';
import type { AgentNumber } from '../rows/plan.js';
import type { PairOutcome } from '../rows/pair.js';
import { settleSlot, type RowTally } from './row-outcome.js';

export interface AgentTask {
  readonly tally: RowTally;
  /** This agent's slot in the row's tally. */
  readonly slot: number;
  readonly waba: string;
  readonly customer: string;
  readonly agent: AgentNumber;
  /** Which endpoint; the run's --action when left out. */
  readonly action?: Action;
  attempts: number;
  /** Failures other than 429 so far, and 429s so far: each has its own retry budget. */
  failures: number;
  throttled: number;
  /** The transient failure that is waiting to be retried, if any. */
  lastFailure?: Failure;
  /** 2xx answers that named this agent in neither list. */
  unmentioned?: number;
}

const NOT_A_MEMBER = { code: 'agent_not_found', message: 'not a team member of the organisation', retryable: false } as const;
const UNCONFIRMED = { code: 'unconfirmed', message: 'the API answer did not mention this agent', retryable: true } as const;

type Failure = Omit<Extract<SendOutcome, { kind: 'error' }>, 'kind'>;
export type Settlement = { kind: 'ok'; httpStatus: number; name?: string } | { kind: 'unsent' } | { kind: 'failed'; failure: Failure };

export interface DispatcherOptions {
  client: CollaboratorClient;
  limiter: Limiter;
  policy: RetryPolicy;
  concurrency: number;
  maxAgentsPerRequest: number;
  coalesce: boolean;
  /** --default-country: how an echo in national form (no country code) is read. */
  defaultCountry?: CountryCode;
  /** Called once per request as it leaves, with the tasks it carries (their attempts already counted). */
  onSend?(tasks: readonly AgentTask[]): void;
  /** Called once per request, after its answer, with the tasks it carried and when it left (performance.now()). */
  onAnswer(outcome: SendOutcome, tasks: readonly AgentTask[], sentAt: number): void;
  /** Called as each agent settles (before its row may), e.g. to tell later rows that share it. */
  onAgentSettled?(task: AgentTask, outcome: PairOutcome): void;
  /** What an agent never sent ends as (the stop decides its code). */
  notSent?(): PairOutcome;
  /** Called when a row has no agent left to settle. */
  onRowSettled(tally: RowTally): void;
}

export class Dispatcher {
  private readonly waiting = new Map<string, AgentTask[]>();
  private queued = 0;
  private running = 0;
  private readonly retryTimers = new Map<NodeJS.Timeout, AgentTask[]>();
  private readonly inFlight = new Set<AgentTask[]>();
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: DispatcherOptions) {}

  submit(tasks: readonly AgentTask[]): void {
    for (const task of tasks) {
      if (this.stopped) this.settle(task, task.lastFailure ? { kind: 'failed', failure: task.lastFailure } : { kind: 'unsent' });
      else this.enqueue(task);
    }
    this.pump();
  }

  /** Agents waiting out a backoff before their next try. */
  get retriesWaiting(): number {
    let count = 0;
    for (const tasks of this.retryTimers.values()) count += tasks.length;
    return count;
  }

  get busy(): boolean {
    return this.waiting.size > 0 || this.queued > 0 || this.running > 0 || this.retryTimers.size > 0;
  }

  /** Resolves when nothing is waiting, queued, in flight or waiting to be retried. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Sends nothing more: waiting agents and pending retries settle as not sent; requests in flight finish. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    // Slots already asked of the limiter are given up: a paused limiter must not hold the stop.
    this.queued = 0;
    const left = [...this.waiting.values()].flat();
    this.waiting.clear();
    for (const [timer, tasks] of this.retryTimers) {
      clearTimeout(timer);
      left.push(...tasks);
    }
    this.retryTimers.clear();
    // Settle after clearing, so a row settled here never sees the dispatcher as still busy.
    for (const task of left) this.settle(task, task.lastFailure ? { kind: 'failed', failure: task.lastFailure } : { kind: 'unsent' });
    this.checkIdle();
  }

  /** After the grace time: requests still in flight are settled as unknown (safe to rerun: adds are idempotent). */
  abandon(): void {
    const failure: Failure = { code: 'network_error', message: 'no answer before the run stopped', retryable: true };
    const batches = [...this.inFlight];
    this.inFlight.clear();
    this.running -= batches.length;
    for (const batch of batches) for (const task of batch) this.settle(task, { kind: 'failed', failure });
    this.checkIdle();
  }

  private enqueue(task: AgentTask): void {
    // Only agents of the same chat and the same action can share a request.
    const key = this.options.coalesce
      ? `${task.action ?? ''}|${task.waba}|${task.customer}`
      : `${task.action ?? ''}|${task.waba}|${task.customer}|${task.tally.row}`;
    const group = this.waiting.get(key);
    if (group) group.push(task);
    else this.waiting.set(key, [task]);
  }

  private pump(): void {
    while (!this.stopped && this.queued < this.waiting.size && this.queued + this.running < this.options.concurrency) {
      this.queued++;
      this.options.limiter.schedule((left) => this.sendNext(left)).catch(() => undefined);
    }
    this.checkIdle();
  }

  /** Runs when the limiter grants a slot: the batch is chosen now, so late arrivals still merge in. */
  private async sendNext(left?: () => void): Promise<void> {
    if (this.stopped) return;
    this.queued--;
    const batch = this.takeBatch();
    if (!batch) return this.checkIdle();
    this.running++;
    const first = batch[0]!;
    const rows = new Set<RowTally>();
    for (const task of batch) {
      task.attempts++;
      rows.add(task.tally);
    }
    for (const tally of rows) tally.sends++;
    this.inFlight.add(batch);
    this.options.onSend?.(batch);
    const sentAt = performance.now();
    const outcome = await this.options.client.send(
      buildRequest(first.waba, first.customer, batch.map((task) => task.agent.digits)),
      left,
      first.action,
    );
    // Abandoned after the grace time: its rows were already settled.
    if (!this.inFlight.delete(batch)) return this.checkIdle();
    this.running--;
    this.options.onAnswer(outcome, batch, sentAt);
    this.handle(outcome, batch);
    this.pump();
  }

  private takeBatch(): AgentTask[] | undefined {
    const head = this.waiting.entries().next();
    if (head.done) return undefined;
    const [key, tasks] = head.value;
    if (tasks.length <= this.options.maxAgentsPerRequest) {
      this.waiting.delete(key);
      return tasks;
    }
    return tasks.splice(0, this.options.maxAgentsPerRequest);
  }

  private handle(outcome: SendOutcome, batch: AgentTask[]): void {
    if (outcome.kind !== 'answered') return this.retryOrSettle(batch, outcome);
    const verdicts = matchAnswer(batch.map((task) => task.agent.digits), outcome.answer, this.options.defaultCountry);
    const again: AgentTask[] = [];
    batch.forEach((task, i) => {
      const verdict = verdicts[i]!;
      const httpStatus = outcome.httpStatus;
      if (verdict.kind === 'success') this.settle(task, { kind: 'ok', httpStatus, name: verdict.name ?? task.agent.name });
      // Listed under `failed`: not a team member. Sending it again cannot change that.
      else if (verdict.kind === 'failed') this.settle(task, { kind: 'failed', failure: { ...NOT_A_MEMBER, httpStatus } });
      // Not mentioned at all: resent once, in case the answer was cut short, then left for a rerun.
      else if ((task.unmentioned = (task.unmentioned ?? 0) + 1) > 1) this.settle(task, { kind: 'failed', failure: { ...UNCONFIRMED, httpStatus } });
      else again.push(task);
    });
    if (again.length > 0) this.retryOrSettle(again, { ...UNCONFIRMED, httpStatus: outcome.httpStatus });
  }

  private retryOrSettle(tasks: AgentTask[], failure: Failure): void {
    const again: AgentTask[] = [];
    let delayMs = 0;
    for (const task of tasks) {
      if (failure.code === 'rate_limited') task.throttled++;
      else task.failures++;
      const decision = this.stopped ? { retry: false as const } : decideRetry(this.options.policy, task, failure);
      if (decision.retry) {
        task.lastFailure = failure;
        again.push(task);
        delayMs = Math.max(delayMs, decision.delayMs);
      } else this.settle(task, { kind: 'failed', failure });
    }
    if (again.length === 0) return;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.submit(again);
    }, delayMs);
    this.retryTimers.set(timer, again);
  }

  private settle(task: AgentTask, how: Settlement): void {
    const outcome = this.outcomeOf(how);
    this.options.onAgentSettled?.(task, outcome);
    if (settleSlot(task.tally, task.slot, outcome)) this.options.onRowSettled(task.tally);
  }

  private outcomeOf(how: Settlement): PairOutcome {
    if (how.kind === 'ok') return { kind: 'applied', httpStatus: how.httpStatus, ...(how.name ? { name: how.name } : {}) };
    if (how.kind === 'unsent') return this.options.notSent?.() ?? { kind: 'not_attempted', message: 'not sent, the run stopped' };
    const { code, message, httpStatus, retryable } = how.failure;
    return { kind: 'failed', code, message, retryable: isRerunnable({ code, retryable, httpStatus }), ...(httpStatus === undefined ? {} : { httpStatus }) };
  }

  private checkIdle(): void {
    if (this.busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
