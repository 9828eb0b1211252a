// Runs the real collab-bulk binary (dist/, built by `npm test` before vitest) as a child process
// and reads its files back, so end-to-end tests see exactly what a user sees.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'dist/cli/index.js');
export const fixture = (name: string): string => join(ROOT, 'fixtures', name);

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  /** Working directory of the process; default the package root. */
  cwd?: string;
  stdin?: string | Buffer;
  /** Leave standard input open after writing `stdin` (a slow producer); it is closed when the process ends. */
  keepStdinOpen?: boolean;
  timeoutMs?: number;
  /** Called once the process is started, e.g. to signal it. */
  onSpawn?(child: ChildProcess): void;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DOUBLETICK_API_KEY: undefined, DOUBLETICK_BASE_URL: undefined, ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    if (options.keepStdinOpen) child.stdin.write(options.stdin ?? '');
    else child.stdin.end(options.stdin ?? '');
    options.onSpawn?.(child);
  });
}

export type CsvRow = Record<string, string>;

export function readCsvFile(path: string): CsvRow[] {
  return parse(readFileSync(path), { columns: true, bom: true }) as CsvRow[];
}

export function readCsvRaw(path: string): string[][] {
  return parse(readFileSync(path), { bom: true, relax_column_count: true }) as string[][];
}

export function tempDir(prefix = 'cb-e2e-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface SandboxProcess {
  url: string;
  state(): Promise<{ requests: number; maxRequestsInOneSecond: number; collaborators: unknown[] }>;
  stop(): Promise<void>;
}

/**
 * The sandbox as its own process (the built `collab-bulk sandbox`), for tests that judge timing at
 * the server: an in-process sandbox shares the test worker's event loop, whose pauses bunch arrivals.
 */
export function startSandboxProcess(args: readonly string[]): Promise<SandboxProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--log-level', 'warn', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the sandbox did not start within 15 s'));
    }, 15_000);
    child.on('error', reject);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        state: async () => (await fetch(`${url}/__sandbox/state`)).json() as never,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('close', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Polls `check` every 20 ms until it holds; fails after `timeoutMs`, so no test waits forever. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
