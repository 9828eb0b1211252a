// Child processes of the benchmark. Each one runs under GNU time in its own process group, so
// its CPU (user+sys) and peak RSS are the kernel's figures for that process alone, and killing
// the group ends it and its helpers. Every child started here is killed on exit or on error.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME_FORMAT = '%e %U %S %M';
const live = new Set();

/** Kills every child still running (its whole process group). Safe to call more than once. */
export function killAll() {
  for (const child of live) killGroup(child);
  live.clear();
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.once('exit', killAll);

/**
 * Starts `command args` under /usr/bin/time. Returns { child, done }, where done resolves with
 * { code, signal, wallS, userS, sysS, cpuS, maxRssMB, stdout, stderr } once it exits.
 */
export function startMeasured(command, args, { env, timeoutMs = 600_000, cwd, onStdout, onStderr, stdin, timed = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
  const timeFile = join(dir, 'time.txt');
  const argv = timed ? ['/usr/bin/time', '-f', TIME_FORMAT, '-o', timeFile, command, ...args] : [command, ...args];
  const child = spawn(argv[0], argv.slice(1), {
    cwd,
    env: { ...process.env, ...env },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(child);
  if (stdin !== undefined) child.stdin.end(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text) => {
    if (stdout.length < 1_000_000) stdout += text;
    onStdout?.(text);
  });
  child.stderr.setEncoding('utf8').on('data', (text) => {
    if (stderr.length < 1_000_000) stderr += text;
    onStderr?.(text);
  });
  // A sandbox serves the whole bench (longer than any one run): timeoutMs 0 means it has none.
  const timer = timeoutMs > 0 ? setTimeout(() => killGroup(child), timeoutMs) : undefined;
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      const usage = readUsage(timeFile);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, ...usage, stdout, stderr });
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return { child, done, stop: () => (running() ? process.kill(-child.pid, 'SIGTERM') : undefined) };
}

/** CPU seconds and peak RSS of a running process, from /proc (for a child not run under time). */
export function procUsage(pid) {
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuS = (Number(fields[11]) + Number(fields[12])) / ticks;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuS, maxRssMB: hwm ? Number(hwm[1]) / 1024 : NaN };
}

export function runMeasured(command, args, options) {
  return startMeasured(command, args, options).done;
}

function readUsage(file) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { wallS: NaN, userS: NaN, sysS: NaN, cpuS: NaN, maxRssMB: NaN };
  }
  // A killed child makes time write "Command terminated by signal N" first: the figures are the last line.
  const last = text.trim().split('\n').pop() ?? '';
  const [wallS, userS, sysS, rssKB] = last.split(' ').map(Number);
  return { wallS, userS, sysS, cpuS: userS + sysS, maxRssMB: rssKB / 1024 };
}

/** True when `name` is on the PATH. */
export function has(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian packages when a tool is missing (the bench's peers only; never the test suite). */
export function aptInstall(packages) {
  console.error(`bench: installing ${packages.join(', ')} with apt-get`);
  spawnSync('apt-get', ['update'], { stdio: 'ignore' });
  const result = spawnSync('apt-get', ['install', '-y', ...packages], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed`);
}
