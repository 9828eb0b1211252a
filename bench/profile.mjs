// npm run bench:profile [-- <rows>] [-- --rate R] [-- --keep FILE] [-- --bare]: where the CPU goes in a run (unthrottled
// unless --rate is given). Runs the built CLI (with --bare: the bare got peer the unthrottled
// scenario compares with, 16 in flight) against the sandbox (a separate process) under --cpu-prof,
// then adds up self time by who owns the code (our src/ stages, got, Node's core, other
// dependencies, GC) and lists the functions with the most self time (the top frames).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCollab } from './lib/collab.mjs';
import { writeCsv, writeOrg } from './lib/data.mjs';
import { BARE_GOT, ROOT } from './lib/paths.mjs';
import { killAll, runMeasured } from './lib/proc.mjs';
import { startSandbox } from './lib/sandbox.mjs';
import { UNTHROTTLED_CONCURRENCY } from './scenarios/unthrottled.mjs';

const GOT_FAMILY = /node_modules\/(got|@sindresorhus|@szmarczak|cacheable-|http2-wrapper|lowercase-keys|responselike|decompress-response|mimic-response|form-data-encoder|p-cancelable|defer-to-connect|get-stream)/;

// The CLI is one esbuild file: esbuild heads each joined module with a "// <path>" line, so a frame
// in it is credited to the module whose head comes last before the frame's line.
const BUNDLE = /\/dist\/cli\/index\.js$/;
let bundleHeads;

function bundleHeadsOf(url) {
  if (bundleHeads) return bundleHeads;
  bundleHeads = [];
  readFileSync(new URL(url), 'utf8')
    .split('\n')
    .forEach((line, at) => {
      const head = /^\/\/ ((?:node_modules|src)\/\S+)$/.exec(line);
      if (head) bundleHeads.push({ at, path: head[1].replace(/^src\/(.*)\.ts$/, 'dist/$1.js') });
    });
  return bundleHeads;
}

/** The frame's url, with a frame of the bundled CLI given the module it came from. */
function sourceOf(frame) {
  const url = frame.url || '';
  if (!BUNDLE.test(url)) return url;
  let found = 'dist/cli/index.js';
  for (const head of bundleHeadsOf(url)) {
    if (head.at > frame.lineNumber) break;
    found = head.path;
  }
  return `/${found}`;
}

function owner(frame) {
  if (frame.functionName === '(garbage collector)') return 'GC';
  if (frame.functionName === '(idle)' || frame.functionName === '(program)') return frame.functionName;
  const url = sourceOf(frame);
  if (GOT_FAMILY.test(url)) return 'got and its helpers';
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return `dependency: ${dep[1]}`;
  const ours = /\/dist\/([^/]+)\//.exec(url);
  if (ours) return `ours: src/${ours[1]}`;
  return url === '' || url.startsWith('node:') ? 'node core (http, net, streams, timers)' : 'other';
}

/** Self time per owner, as shares of the time the process was not idle. */
export function breakdown(profile) {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map();
  profile.samples.forEach((id, i) => {
    const who = owner(frames.get(id));
    totals.set(who, (totals.get(who) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  totals.delete('(idle)');
  const busy = [...totals.values()].reduce((a, b) => a + b, 0);
  return { busySeconds: busy / 1e6, shares: [...totals].map(([who, t]) => ({ who, share: t / busy })).sort((a, b) => b.share - a.share) };
}

/** The functions with the most self time, as shares of the busy time. */
export function topFrames(profile, count = 15) {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id);
    if (frame.functionName === '(idle)') return;
    const url = sourceOf(frame);
    const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    const dt = profile.timeDeltas[i] ?? 0;
    totals.set(key, (totals.get(key) ?? 0) + dt);
    busy += dt;
  });
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count).map(([frame, t]) => ({ frame, share: t / busy }));
}

const args = process.argv.slice(2);
const rateAt = args.indexOf('--rate');
const rate = rateAt >= 0 ? Number(args[rateAt + 1]) : 0;
const rows = Number(args.find((arg, i) => /^\d+$/.test(arg) && i !== rateAt + 1) ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'collab-profile-'));
let sandbox;
try {
  const org = join(dir, 'org.json');
  writeOrg(org);
  sandbox = await startSandbox({ org });
  const csv = await writeCsv(join(dir, 'in.csv'), rows, 1);
  const profiles = join(dir, 'profiles');
  const profiling = ['--cpu-prof', `--cpu-prof-dir=${profiles}`];
  const requestsPerSecond = args.includes('--bare')
    ? JSON.parse((await runMeasured(process.execPath, [...profiling, BARE_GOT, sandbox.url, String(rows), String(UNTHROTTLED_CONCURRENCY)], { cwd: ROOT })).stdout).requestsPerSecond
    : (await runCollab(csv, { baseUrl: sandbox.url, rate, out: join(dir, 'out'), nodeArgs: profiling })).summary.requestsPerSecond;
  const file = readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8'));
  // --keep FILE: the profile itself, for Chrome DevTools or a closer look.
  const keepAt = args.indexOf('--keep');
  if (keepAt >= 0) copyFileSync(join(profiles, file), args[keepAt + 1]);
  const { busySeconds, shares } = breakdown(profile);
  const who = args.includes('--bare') ? `bare got, ${UNTHROTTLED_CONCURRENCY} in flight,` : `collab-bulk --rate ${rate} on`;
  console.log(`${who} ${rows} rows: ${requestsPerSecond.toFixed(0)} requests/s, ${busySeconds.toFixed(2)} s of CPU (self time by owner)`);
  for (const { who, share } of shares.filter((s) => s.share >= 0.001)) console.log(`${(100 * share).toFixed(1).padStart(5)}%  ${who}`);
  console.log('\ntop frames (self time)');
  for (const { frame, share } of topFrames(profile, Number(process.env.TOP ?? 15))) console.log(`${(100 * share).toFixed(1).padStart(5)}%  ${frame}`);
} finally {
  await sandbox?.close();
  killAll();
  rmSync(dir, { recursive: true, force: true });
}
