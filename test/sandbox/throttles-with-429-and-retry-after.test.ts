import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, addBody, post } from './helpers.js';

describe('the sandbox rate-limits each key with a token bucket', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it('answers the documented 429 past the burst, without Retry-After, applies nothing for them, and counts every arrival', async () => {
    // A slow refill (one token per 2 s) keeps the outcome the same on a busy machine.
    sandbox = await startSandbox({ port: 0, rateLimit: 0.5, burst: 2 });
    const url = sandbox.url;
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(url, ADD, addBody())));

    const throttled = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
    expect(throttled).toHaveLength(4);
    expect(throttled[0]?.body).toEqual({ statusCode: 429, message: 'Too Many Requests: Rate Limit Exceeded', error: 'Too Many Requests' });
    // The reference documents no Retry-After header, so none is sent unless asked for.
    expect(throttled.map((answer) => answer.headers.get('retry-after'))).toEqual([null, null, null, null]);

    const state = sandbox.state();
    expect(Object.values(state.addCalls)).toEqual([2]);
    expect(state.requests).toBe(6);
    expect(state.maxRequestsInOneSecond).toBe(6);
  });

  it('sends the fixed --retry-after when given, and keeps one bucket per presented key', async () => {
    sandbox = await startSandbox({ port: 0, rateLimit: 0.2, retryAfter: 7 });
    expect((await post(sandbox.url, ADD, addBody())).status).toBe(200);
    const second = await post(sandbox.url, ADD, addBody());
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('7');
    // A different key has its own full bucket, so it reaches the auth check instead.
    expect((await post(sandbox.url, ADD, addBody(), { key: 'other' })).status).toBe(401);
  });
});
