// Unthrottled: collab-bulk --rate 0 against the same got with the same concurrency and nothing else
// (no CSV, no results), alternated and best-of-N so a noisy neighbour hurts neither side alone; and
// newman, one request at a time, on the same kind of rows. Rates are each tool's own sending time
// (collab-bulk's summary, the got script's clock, newman's run timings): start-up is left out of all.
import { join } from 'node:path';
import { runCollab } from '../lib/collab.mjs';
import { headCsv, writeCsv } from '../lib/data.mjs';
import { BARE_GOT, ROOT } from '../lib/paths.mjs';
import { runMeasured } from '../lib/proc.mjs';
import { traffic } from '../lib/sandbox.mjs';
import { runNewman } from '../peers/newman.mjs';

/** What collab-bulk uses at --rate 0 when --concurrency is not given (autoConcurrency(0)). */
export const UNTHROTTLED_CONCURRENCY = 16;

export async function unthrottled({ dir, sandbox, sizes, log, narrow }) {
  const rows = sizes.unthrottledRows;
  const csv = await writeCsv(join(dir, 'unthrottled.csv'), rows, 1);
  const ours = [];
  const bare = [];
  for (let round = 1; round <= sizes.unthrottledRounds; round++) {
    await sandbox.reset();
    log(`unthrottled round ${round}: collab-bulk --rate 0 on ${rows} rows`);
    const run = await runCollab(csv, { baseUrl: sandbox.url, rate: 0, out: join(dir, `unthrottled-out-${round}`) });
    const seen = traffic(await sandbox.state());
    ours.push({ tool: 'collab-bulk --rate 0', rows, wallS: run.wallS, cpuS: run.cpuS, requestsPerSecond: run.summary.requestsPerSecond, ...seen });
    await sandbox.reset();
    log(`unthrottled round ${round}: bare got, ${UNTHROTTLED_CONCURRENCY} in flight, ${rows} requests`);
    const got = await runMeasured(process.execPath, [BARE_GOT, sandbox.url, String(rows), String(UNTHROTTLED_CONCURRENCY)], { cwd: ROOT });
    const gotSeen = traffic(await sandbox.state());
    bare.push({ tool: 'bare got', rows, wallS: got.wallS, cpuS: got.cpuS, requestsPerSecond: JSON.parse(got.stdout).requestsPerSecond, ...gotSeen });
  }
  const best = (list) => list.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  if (narrow?.newman === false) return { ours: best(ours), bare: best(bare), rounds: { ours, bare } };
  const newmanRows = sizes.newmanUnthrottledRows;
  const few = await headCsv(csv, join(dir, 'unthrottled-newman.csv'), newmanRows);
  await sandbox.reset();
  log(`unthrottled: newman on ${newmanRows} rows`);
  const newman = await runNewman(dir, sandbox.url, few);
  const newmanSeen = traffic(await sandbox.state());
  const newmanRun = { tool: 'newman', rows: newmanRows, wallS: newman.wallS, cpuS: newman.cpuS, requestsPerSecond: newmanSeen.applied / newman.sendSeconds, ...newmanSeen };
  return { ours: best(ours), bare: best(bare), newman: newmanRun, rounds: { ours, bare } };
}
