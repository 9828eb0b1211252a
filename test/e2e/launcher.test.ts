// The collab-bulk binary's first lines are read by /bin/sh, which exec's node in an environment only
// a start can set (scripts/bundle-cli.mjs): glibc's MALLOC_ARENA_MAX=2. Checked from inside the real
// process, through a module node loads first (NODE_OPTIONS=--import) that writes its pid and that
// variable to a file as it exits: started as an executable it is one process (same pid: signals
// and kill -9 reach node itself) with the variable, unless the user set it; started as
// `node dist/cli/index.js` it runs as it was started.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './cli.js';
import { readExitReport, writeExitReporter } from './exit-report.js';

const dir = mkdtempSync(join(tmpdir(), 'collab-launcher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REPORTER = writeExitReporter(join(dir, 'process-report.mjs'), '', '{ pid: process.pid, arenas: process.env.MALLOC_ARENA_MAX ?? null }');

interface Started {
  pid: number;
  code: number | null;
  stderr: string;
  report: { pid: number; arenas: string | null };
}

function start(command: string, args: string[], name: string, extraEnv: Record<string, string> = {}): Promise<Started> {
  const reportFile = join(dir, `${name}.json`);
  const env = { ...process.env, ...extraEnv, NODE_OPTIONS: REPORTER, EXIT_REPORT: reportFile };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ pid: child.pid!, code, stderr, report: readExitReport<Started['report']>(reportFile) }));
  });
}

describe('the collab-bulk binary', () => {
  it('started as an executable, is node itself with two malloc arenas, and keeps its exit code', async () => {
    const version = await start(BIN, ['--version'], 'executable');
    expect(version.code).toBe(0);
    expect(version.report.pid).toBe(version.pid);
    expect(version.report.arenas).toBe('2');

    const usage = await start(BIN, ['run', join(dir, 'missing.csv'), '--dry-run'], 'usage');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/missing\.csv/);
  });

  it("keeps the user's own MALLOC_ARENA_MAX", async () => {
    const started = await start(BIN, ['--version'], 'user-arenas', { MALLOC_ARENA_MAX: '4' });
    expect(started.report.arenas).toBe('4');
  });

  it('started as node dist/cli/index.js, runs as it was started', async () => {
    const started = await start(process.execPath, [BIN, '--version'], 'node');
    expect(started.code).toBe(0);
    expect(started.report.arenas).toBe(process.env.MALLOC_ARENA_MAX ?? null);
  });
});
