// Flat memory: peak RSS (the kernel's, from GNU time) of a dry run and of a real run at --rate 0, on
// a small and on a large file. The real runs use a CRM export sorted by customer with three agents
// per chat (three adjacent rows), so a million rows cost a third of a million requests and the bench
// stays within minutes; every row still goes through reading, planning, dedupe, the window and results.
// The large real run is made once more with --state (a new state file): issue 20 holds it to the
// same 150 MB.
import { join } from 'node:path';
import { runCollab } from '../lib/collab.mjs';
import { writeCsv } from '../lib/data.mjs';
import { traffic } from '../lib/sandbox.mjs';

export async function memory({ dir, sandbox, sizes, log }) {
  const runs = [];
  for (const rows of [sizes.memorySmallRows, sizes.memoryLargeRows]) {
    const dry = await writeCsv(join(dir, `memory-${rows}-1.csv`), rows, 1);
    log(`memory: dry run on ${rows} rows`);
    const dryRun = await runCollab(dry, { dryRun: true, rate: 0, out: join(dir, `memory-${rows}-dry-out`) });
    runs.push({ kind: 'dry run', rows, agentsPerChat: 1, wallS: dryRun.wallS, cpuS: dryRun.cpuS, peakRssMB: dryRun.maxRssMB, rowsOut: dryRun.summary.rows });
    const real = await writeCsv(join(dir, `memory-${rows}-3.csv`), rows, 3);
    await sandbox.reset();
    log(`memory: real run at --rate 0 on ${rows} rows (3 agents per chat)`);
    const run = await runCollab(real, { baseUrl: sandbox.url, rate: 0, out: join(dir, `memory-${rows}-real-out`) });
    const seen = traffic(await sandbox.state());
    runs.push({ kind: 'real run', rows, agentsPerChat: 3, wallS: run.wallS, cpuS: run.cpuS, peakRssMB: run.maxRssMB, rowsOut: run.summary.rows, ...seen, requestsPerSecond: run.summary.requestsPerSecond });
  }
  const rows = sizes.memoryLargeRows;
  const real = join(dir, `memory-${rows}-3.csv`);
  await sandbox.reset();
  log(`memory: real run at --rate 0 on ${rows} rows (3 agents per chat) with --state`);
  const run = await runCollab(real, { baseUrl: sandbox.url, rate: 0, out: join(dir, `memory-${rows}-state-out`), args: ['--state', join(dir, `memory-${rows}.sqlite`)] });
  const seen = traffic(await sandbox.state());
  runs.push({ kind: 'real run, --state', rows, agentsPerChat: 3, wallS: run.wallS, cpuS: run.cpuS, peakRssMB: run.maxRssMB, rowsOut: run.summary.rows, ...seen, requestsPerSecond: run.summary.requestsPerSecond });
  return runs;
}
