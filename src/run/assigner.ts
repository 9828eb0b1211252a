// --assign (and undo.csv's assign_to): once every agent a row puts on went through, one agent
// becomes the chat's primary assignee (POST /team-member/assign, reassign: true). Each call goes
// through the run's limiter and retry policy (paced-call.ts); the row waits for it (one more open
// item in its tally) and reads `assigned` yes or no. After a stop nothing more is assigned.
import { createAssignClient } from '../api/assign.js';
import type { Limiter } from '../api/limiter.js';
import { pacedCall } from '../api/paced-call.js';
import { DEFAULT_RETRY_POLICY } from '../api/retry-policy.js';
import { isRerunnable } from '../api/classify.js';
import { countSend, type RunCounts } from '../output/summary.js';
import type { RunOptions } from './options.js';
import type { RowTally } from './row-outcome.js';
import type { StopControl } from './stop-control.js';

export interface Assigner {
  /** Assigns tally.assignTo on the row's chat, then calls `done` if that completed the row. */
  assign(tally: RowTally, done: (tally: RowTally) => void): void;
  /** Resolves when no assignment is on its way. */
  idle(): Promise<void>;
  close(): void;
}

export function createAssigner(options: RunOptions, limiter: Limiter, counts: RunCounts, stops: StopControl): Assigner {
  let client: ReturnType<typeof createAssignClient> | undefined;
  const pending = new Set<Promise<void>>();
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries };
  return {
    assign(tally, done) {
      const agent = tally.assignTo;
      if (!agent || stops.reason) {
        tally.assigned = 'no';
        return;
      }
      client ??= createAssignClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, timeoutMs: options.timeoutMs, maxSockets: options.concurrency });
      const assigner = client;
      tally.open++;
      const call = pacedCall({ limiter, policy }, (left) => {
        countSend(counts, false);
        return assigner.assign(tally.waba, tally.customer, agent.digits, left);
      }).then(({ outcome, attempts }) => {
        tally.sends += attempts;
        tally.assigned = outcome.kind === 'assigned' ? 'yes' : 'no';
        if (outcome.kind === 'error') tally.assignFailure = { kind: 'failed', code: outcome.code, message: outcome.message, retryable: isRerunnable(outcome), ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }) };
      }, (error: unknown) => {
        tally.assigned = 'no';
        tally.assignFailure = { kind: 'failed', code: 'network_error', message: `not assigned: ${(error as Error).message}`, retryable: true };
      }).finally(() => {
        pending.delete(call);
        tally.open--;
        if (tally.open === 0) done(tally);
      });
      pending.add(call);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close() {
      client?.close();
    },
  };
}
