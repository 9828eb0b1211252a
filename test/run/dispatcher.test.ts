// The dispatcher with a scripted client and an immediate limiter: rows of one chat share a
// request and get their own results back; transient failures are resent, permanent ones not; a
// stop settles what was waiting as not sent, and abandon settles what never got an answer.
import { describe, expect, it } from 'vitest';
import type { CollaboratorClient } from '../../src/api/client.js';
import { classifyAnswer, classifyNetworkError, type SendOutcome } from '../../src/api/classify.js';
import type { Limiter } from '../../src/api/limiter.js';
import type { CollaboratorRequest } from '../../src/api/request.js';
import { Dispatcher, type AgentTask } from '../../src/run/dispatcher.js';
import { summariseRow, type RowTally } from '../../src/run/row-outcome.js';
import type { RowResult } from '../../src/rows/row-result.js';

const WABA = '919800000001';
const CHAT = '917000000001';

/** Answers each request with the next scripted outcome; `undefined` leaves it unanswered. */
function scriptedClient(script: ((request: CollaboratorRequest) => SendOutcome | undefined)[]) {
  const requests: CollaboratorRequest[] = [];
  const client: CollaboratorClient = {
    send(request) {
      requests.push(request);
      const answer = script[requests.length - 1]?.(request);
      return answer ? Promise.resolve(answer) : new Promise(() => undefined);
    },
    close() {},
  };
  return { client, requests };
}

/** Grants a slot on the next turn of the event loop, so rows submitted together can merge. */
const nextTurnLimiter: Limiter = {
  schedule: (job) => new Promise((resolve, reject) => setImmediate(() => job().then(resolve, reject))),
  observe() {},
  currentRate: 0,
  stop: async () => {},
};

/** A 200 naming who went through and who is not a team member (both spellings of the failure list). */
const answered = (success: string[], failed: string[] = []) => () =>
  classifyAnswer(200, { success: success.map((number) => ({ number })), failed: failed.map((number) => ({ number })), failure: failed.map((number) => ({ number })) });

function setup(script: Parameters<typeof scriptedClient>[0], extra: { maxAgentsPerRequest?: number } = {}) {
  const { client, requests } = scriptedClient(script);
  const results: RowResult[] = [];
  const dispatcher = new Dispatcher({
    client,
    limiter: nextTurnLimiter,
    policy: { maxRetries: 2, maxThrottled: 2, baseDelayMs: 1, maxDelayMs: 5 },
    concurrency: 4,
    maxAgentsPerRequest: extra.maxAgentsPerRequest ?? 20,
    coalesce: true,
    onAnswer() {},
    onRowSettled: (tally) => results.push(summariseRow(tally)),
  });
  const submit = (row: number, agents: string[], customer = CHAT): RowTally => {
    const tally: RowTally = { row, waba: WABA, customer, agents: agents.map((digits) => ({ raw: `+${digits}`, digits })), open: agents.length, sends: 0 };
    dispatcher.submit(agents.map((digits, slot): AgentTask => ({ tally, slot, waba: WABA, customer, agent: { raw: `+${digits}`, digits }, attempts: 0, failures: 0, throttled: 0 })));
    return tally;
  };
  const byRow = () => Object.fromEntries(results.map((r) => [r.row, r]));
  return { dispatcher, requests, results, submit, byRow };
}

describe('Dispatcher', () => {
  it('sends rows of one chat as one request and gives each row its own part of the answer', async () => {
    const t = setup([answered(['919811100001', '919811100003'], ['919811100002'])]);
    t.submit(1, ['919811100001']);
    t.submit(2, ['919811100002']);
    t.submit(3, ['919811100003']);
    await t.dispatcher.idle();
    expect(t.requests).toEqual([{ from: WABA, to: CHAT, agentNumbers: ['919811100001', '919811100002', '919811100003'] }]);
    const rows = t.byRow();
    expect([rows[1]?.status, rows[2]?.status, rows[3]?.status]).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(rows[2]?.errorCode).toBe('agent_not_found');
    expect(t.results.every((r) => r.attempts === 1)).toBe(true);
  });

  it('keeps different chats in different requests', async () => {
    const t = setup([answered(['919811100001']), answered(['919811100001'])]);
    t.submit(1, ['919811100001'], '917000000001');
    t.submit(2, ['919811100001'], '917000000002');
    await t.dispatcher.idle();
    expect(t.requests.map((r) => r.to).sort()).toEqual(['917000000001', '917000000002']);
  });

  it('splits a chat with more agents than --max-agents-per-request into several requests', async () => {
    const all = ['919811100001', '919811100002', '919811100003', '919811100004', '919811100005'];
    const t = setup([answered(all), answered(all), answered(all)], { maxAgentsPerRequest: 2 });
    t.submit(1, all);
    await t.dispatcher.idle();
    expect(t.requests.map((r) => r.agentNumbers.length)).toEqual([2, 2, 1]);
    expect(t.results).toMatchObject([{ row: 1, status: 'succeeded', attempts: 3 }]);
  });

  it('resends after a transient failure and counts both sends', async () => {
    const t = setup([() => classifyAnswer(503, {}), () => classifyNetworkError({ code: 'ECONNRESET' }), answered(['919811100001'])]);
    t.submit(1, ['919811100001']);
    await t.dispatcher.idle();
    expect(t.requests).toHaveLength(3);
    expect(t.results).toMatchObject([{ row: 1, status: 'succeeded', attempts: 3 }]);
  });

  it('gives up after --max-retries transient failures, leaving the row retryable', async () => {
    const t = setup([() => classifyAnswer(500, {}), () => classifyAnswer(500, {}), () => classifyAnswer(500, {}), () => classifyAnswer(500, {})]);
    t.submit(1, ['919811100001']);
    await t.dispatcher.idle();
    expect(t.requests).toHaveLength(3);
    expect(t.results).toMatchObject([{ row: 1, status: 'failed', errorCode: 'server_error', retryable: true }]);
  });

  it('does not resend a permanent failure', async () => {
    const t = setup([() => classifyAnswer(400, { message: 'Chat could not be resolved' })]);
    t.submit(1, ['919811100001']);
    await t.dispatcher.idle();
    expect(t.requests).toHaveLength(1);
    expect(t.results).toMatchObject([{ row: 1, status: 'failed', errorCode: 'chat_not_found', retryable: false }]);
  });

  it('on stop, sends nothing more and settles waiting rows as not sent', async () => {
    const t = setup([answered(['919811100001'])]);
    t.submit(1, ['919811100001'], '917000000001');
    t.dispatcher.stop();
    t.submit(2, ['919811100001'], '917000000002');
    await t.dispatcher.idle();
    expect(t.requests).toHaveLength(0);
    expect(t.results.map((r) => [r.row, r.status, r.retryable])).toEqual([
      [1, 'not_attempted', true],
      [2, 'not_attempted', true],
    ]);
  });

  it('on abandon, settles a request that never got an answer as retryable, and is idle', async () => {
    const t = setup([() => undefined]);
    t.submit(1, ['919811100001']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.requests).toHaveLength(1);
    t.dispatcher.stop();
    expect(t.dispatcher.busy).toBe(true);
    t.dispatcher.abandon();
    await t.dispatcher.idle();
    expect(t.results).toMatchObject([{ row: 1, status: 'failed', errorCode: 'network_error', retryable: true, attempts: 1 }]);
    expect(t.dispatcher.busy).toBe(false);
  });

  it('on stop, drops a pending retry instead of waiting for it', async () => {
    const t = setup([() => classifyAnswer(429, {}, '600')]);
    t.submit(1, ['919811100001']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.dispatcher.busy).toBe(true);
    t.dispatcher.stop();
    await t.dispatcher.idle();
    expect(t.results).toMatchObject([{ row: 1, status: 'failed', errorCode: 'rate_limited', retryable: true }]);
  });
});
