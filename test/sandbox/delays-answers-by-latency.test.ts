import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, addBody, post } from './helpers.js';

describe('latency and jitter delay every API answer', () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  async function timed(url: string): Promise<number> {
    const started = performance.now();
    expect((await post(url, ADD, addBody())).status).toBe(200);
    return performance.now() - started;
  }

  it('waits at least latency-ms before answering', async () => {
    sandbox = await startSandbox({ port: 0, latencyMs: 150 });
    expect(await timed(sandbox.url)).toBeGreaterThanOrEqual(145);
  });

  it('spreads answers within latency +- jitter', async () => {
    sandbox = await startSandbox({ port: 0, latencyMs: 100, jitterMs: 80 });
    const times: number[] = [];
    for (let i = 0; i < 8; i += 1) times.push(await timed(sandbox.url));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...times)).toBeLessThan(1_000);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(10);
  });

  it('counts requests waiting at the same time in maxInFlight', async () => {
    sandbox = await startSandbox({ port: 0, latencyMs: 500 });
    const url = sandbox.url;
    await Promise.all(Array.from({ length: 5 }, () => post(url, ADD, addBody())));
    expect(sandbox.state().maxInFlight).toBe(5);
  });
});
