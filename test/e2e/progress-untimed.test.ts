// Progress checks that count lines rather than judge their timing (split from progress.test.ts,
// which keeps the lines per interval and the pauses, so these can run in the parallel e2e pool):
// no progress line with --quiet or --no-progress, and a live bar on a pseudo-terminal.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from './cli.js';
import { writeRows } from './generated.js';
import { useHarness } from './harness.js';
import { progressLines } from './progress-lines.js';

const KEY = 'progress-key-3b7e';
const env = { DOUBLETICK_API_KEY: KEY };

describe('progress off a terminal (cron, CI, a pipe)', () => {
  const harness = useHarness(KEY);

  it('writes no progress line with --quiet, nor with --no-progress', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 20);
    // The two runs are independent (own --out, rows accepted again): run them side by side.
    const flags = ['--quiet', '--no-progress'];
    const results = await Promise.all(flags.map((flag) => runCli(['run', input, '--base-url', sandbox.url, '--out', join(work, flag), '--rate', '10', '--progress-interval', '0.2', flag], { env })));
    for (const result of results) {
      expect(result.code, result.stderr).toBe(0);
      expect(progressLines(result.stderr)).toEqual([]);
      expect(result.stderr).toMatch(/Done: 20 rows/);
    }
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('progress on a terminal', () => {
  const harness = useHarness(KEY);

  it.skipIf(!hasScript)('draws a live bar with pretty logs above it, never a JSON line', async () => {
    const sandbox = await harness.sandbox();
    const work = harness.dir();
    const input = join(work, 'in.csv');
    writeRows(input, 20);
    // A terminal of 160 columns: room for every figure, the per-status breakdown included.
    const command = `stty cols 160 rows 24; ${process.execPath} ${BIN} run ${input} --base-url ${sandbox.url} --out ${join(work, 'o')} --rate 10`;
    // script(1) gives the CLI a pseudo-terminal for stdin, stdout and stderr, and copies what it drew to our stdout.
    const screen = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, ...env, TERM: 'xterm-256color' } });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    const plain = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toMatch(/█+░* \d+\/20 rows \d+% \|/);
    expect(plain).toMatch(/█{24} 20\/20 rows 100% \| 20 ok, 0 failed, 0 invalid/);
    expect(plain).toMatch(/INFO: run started/);
    expect(plain).not.toContain('{"level"');
    expect(plain).toMatch(/Done: 20 rows in \d+s: 20 succeeded\./);
  });
});
