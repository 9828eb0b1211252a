// npm run bench [-- --quick] [-- --only realistic,rate,unthrottled,limit,memory,nightly] [-- --no-build]
//   [-- --limits 20,50,120] [-- --limit-tools auto,4l,aws] [-- --no-newman]
// Measures collab-bulk against the sandbox (a separate process) and against what users would pick
// instead (newman, an xargs curl loop) and bare clients (node:http, got), prints a table with
// ratios and PASS/FAIL per target, and writes JSON + SVG to bench/out/ and, for a full run, to
// bench/results/latest.{json,svg}.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chart } from './chart.mjs';
import { writeOrg } from './lib/data.mjs';
import { OUT_DIR, RESULTS_DIR, ROOT } from './lib/paths.mjs';
import { aptInstall, killAll } from './lib/proc.mjs';
import { startSandbox } from './lib/sandbox.mjs';
import { evaluate, table } from './report.mjs';
import { memory } from './scenarios/memory.mjs';
import { nightly } from './scenarios/nightly.mjs';
import { rateUse } from './scenarios/rate.mjs';
import { realistic } from './scenarios/realistic.mjs';
import { unthrottled } from './scenarios/unthrottled.mjs';
import { unknownLimit } from './scenarios/unknown-limit.mjs';
import { limitChart } from './limit-chart.mjs';
import { existsSync } from 'node:fs';

const FULL = {
  realisticRows: 2_000,
  newmanRealisticRows: 200,
  rate50Rows: 1_500,
  rate300Rows: 4_500,
  unthrottledRows: 20_000,
  unthrottledRounds: 4,
  newmanUnthrottledRows: 5_000,
  memorySmallRows: 10_000,
  memoryLargeRows: 1_000_000,
  nightlyRows: 200_000,
  limitRows: 1_500,
  limitRowsHigh: 1_500,
};
const QUICK = {
  realisticRows: 300,
  newmanRealisticRows: 40,
  rate50Rows: 300,
  rate300Rows: 1_200,
  unthrottledRows: 4_000,
  unthrottledRounds: 1,
  newmanUnthrottledRows: 300,
  memorySmallRows: 2_000,
  memoryLargeRows: 50_000,
  nightlyRows: 10_000,
  limitRows: 300,
  limitRowsHigh: 600,
};
const SCENARIOS = ['rate', 'unthrottled', 'realistic', 'limit', 'memory', 'nightly'];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',') : SCENARIOS;
const sizes = quick ? QUICK : FULL;
/** A list option (`--name a,b`), or undefined when not given. */
const listOption = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] ?? '').split(',').filter(Boolean) : undefined;
};
// Narrowing options, for a loaded machine: only some limits, only some tools, newman left out.
const narrow = { limits: listOption('--limits')?.map(Number), limitTools: listOption('--limit-tools'), newman: !args.includes('--no-newman') };
const partialRun = only.length !== SCENARIOS.length || narrow.limits !== undefined || narrow.limitTools !== undefined || !narrow.newman;
const started = Date.now();
const log = (message) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

if (!existsSync('/usr/bin/time')) aptInstall(['time']);
if (!args.includes('--no-build')) {
  log('building (npm run build)');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

const dir = mkdtempSync(join(tmpdir(), 'collab-bench-'));
const org = writeOrg(join(dir, 'org.json'));
const results = {};
let fast;
try {
  const needsFast = only.some((name) => name !== 'realistic' && name !== 'limit');
  if (needsFast) fast = await startSandbox({ org });
  const ctx = { dir, org, sizes, log, sandbox: fast, narrow };
  // Each scenario's figures are kept in bench/out/partial.json as soon as it ends, so a long run cut short still leaves them.
  const keep = () => {
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, 'partial.json'), `${JSON.stringify(results)}\n`);
  };
  const steps = { limit: unknownLimit, rate: rateUse, unthrottled, realistic, memory, nightly };
  for (const name of ['limit', 'rate', 'unthrottled', 'realistic', 'memory', 'nightly']) {
    if (!only.includes(name)) continue;
    results[name] = await steps[name](ctx);
    keep();
  }
  if (fast) results.sandbox = { fast: fast.usage() };
} finally {
  await fast?.close();
  killAll();
  rmSync(dir, { recursive: true, force: true });
}

const targets = evaluate(results);
const meta = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.versions.node}, loopback`,
  quick,
  sizes,
  narrow,
  benchSeconds: Math.round((Date.now() - started) / 1000),
};
const report = { meta, results, targets };
const text = table(results, targets);
console.log(`collab-bulk benchmark, ${meta.date}, ${meta.machine}${quick ? ', quick run' : ''}\n${text}\n\n${targets.filter((t) => t.pass).length}/${targets.length} targets pass; bench took ${meta.benchSeconds} s`);

const json = `${JSON.stringify(report, null, 2)}\n`;
const svg = chart(report);
mkdirSync(OUT_DIR, { recursive: true });
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
writeFileSync(join(OUT_DIR, `bench-${stamp}.json`), json);
writeFileSync(join(OUT_DIR, `bench-${stamp}.svg`), svg);
writeFileSync(join(OUT_DIR, `bench-${stamp}.txt`), `${text}\n`);
const limitSvg = results.limit ? limitChart(report) : undefined;
if (limitSvg) writeFileSync(join(OUT_DIR, `bench-${stamp}-unknown-limit.svg`), limitSvg);
if (!quick && !partialRun) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  writeFileSync(join(RESULTS_DIR, 'latest.svg'), svg);
  if (limitSvg) writeFileSync(join(RESULTS_DIR, 'unknown-limit.svg'), limitSvg);
  log('wrote bench/results/latest.json and latest.svg');
}
log(`wrote bench/out/bench-${stamp}.{json,svg,txt}`);
