// --rate that is neither auto nor a number (split from adaptive-rate.test.ts, whose runs are paced
// against a server limit: this one sends nothing, so it runs in the parallel e2e pool).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli.js';
import { writeRows } from './generated.js';

const KEY = 'adaptive-key-7d41';
const env = { DOUBLETICK_API_KEY: KEY };

describe('collab-bulk run against an unknown rate limit', () => {
  let out: ReturnType<typeof tempDir>;

  beforeEach(() => {
    out = tempDir();
  });

  afterEach(() => out.remove());

  it('refuses a --rate that is neither auto nor a number in one sentence, before any request', async () => {
    const input = join(out.path, 'in.csv');
    writeRows(input, 3);
    const result = await runCli(['run', input, '--base-url', 'http://127.0.0.1:9', '--out', join(out.path, 'o'), '--rate', 'fast'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--rate must be auto or a number/);
  });
});
