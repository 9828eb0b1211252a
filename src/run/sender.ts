// Everything between a planned row and its result that touches the network: the client, the
// shared limiter, the dispatcher, and the guard that stops a run early. Rows go in with
// submit(); their results come out through onResult, in whatever order they settle.
import { createClient } from '../api/client.js';
import type { SendOutcome } from '../api/classify.js';
import { createLimiter } from '../api/limiter.js';
import { DEFAULT_RETRY_POLICY } from '../api/retry-policy.js';
import type { SendPlan } from '../rows/plan.js';
import type { RowResult } from '../rows/row-result.js';
import { countRequest, type RunCounts, type StopReason } from '../output/summary.js';
import { Dispatcher, type AgentTask } from './dispatcher.js';
import { createTally, summariseRow } from './row-outcome.js';
import { createRunGuard, observeAnswer, observeRow } from './run-guard.js';
import type { RunOptions } from './options.js';

export interface Sender {
  submit(plan: SendPlan): void;
  /** Sends nothing more; rows not yet sent settle as not attempted. */
  stop(reason: StopReason): void;
  readonly stopReason: StopReason | undefined;
  /** Waits for every submitted row to settle (in-flight requests get the grace time after a stop). */
  finish(): Promise<void>;
  /** Seconds from the first send to the last answer. */
  readonly sendSeconds: number;
  readonly currentRate: number;
}

export function createSender(options: RunOptions, counts: RunCounts, onResult: (result: RowResult) => void): Sender {
  const limiter = createLimiter(options.rate, options.concurrency);
  const client = createClient({ ...options, maxSockets: options.concurrency });
  const guard = createRunGuard(options.maxErrorRate);
  let stopReason: StopReason | undefined;
  let onStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (onStop = resolve));
  let firstSend = 0;
  let lastAnswer = 0;

  const dispatcher = new Dispatcher({
    client,
    limiter,
    policy: { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries },
    concurrency: options.concurrency,
    maxAgentsPerRequest: options.maxAgentsPerRequest,
    coalesce: options.coalesce,
    onAnswer(outcome: SendOutcome, tasks: readonly AgentTask[]) {
      lastAnswer = Date.now();
      countRequest(counts, outcome, tasks.some((task) => task.attempts > 1));
      if (outcome.kind === 'answered') limiter.answered();
      // Only a 429 is about our pace; a 503's Retry-After delays that request's retry alone.
      else if (outcome.httpStatus === 429) limiter.throttled(outcome.retryAfterMs);
      const first = tasks[0];
      const reason = first && observeAnswer(guard, outcome, `${first.waba}|${first.customer}`);
      if (reason) sender.stop(reason);
    },
    onRowSettled(tally) {
      const result = summariseRow(tally);
      onResult(result);
      const reason = observeRow(guard, result);
      if (reason) sender.stop(reason);
    },
  });

  const sender: Sender = {
    submit(plan) {
      firstSend ||= Date.now();
      const tally = createTally(plan.row, plan.agents.length);
      dispatcher.submit(plan.agents.map((agent) => ({ tally, waba: plan.waba, customer: plan.customer, agent, attempts: 0, failures: 0, throttled: 0 })));
    },
    stop(reason) {
      if (stopReason) return;
      stopReason = reason;
      dispatcher.stop();
      onStop();
    },
    get stopReason() {
      return stopReason;
    },
    async finish() {
      await Promise.race([dispatcher.idle(), stopped]);
      if (stopReason) {
        // Requests already on the wire get a bounded time to answer; after that their rows are unknown.
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.graceMs)));
        await Promise.race([dispatcher.idle(), grace]);
        clearTimeout(timer);
        dispatcher.abandon();
      }
      await dispatcher.idle();
      await limiter.stop();
      client.close();
    },
    get sendSeconds() {
      return firstSend && lastAnswer > firstSend ? (lastAnswer - firstSend) / 1000 : 0;
    },
    get currentRate() {
      return limiter.currentRate;
    },
  };
  return sender;
}
