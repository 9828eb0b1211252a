// Realistic API: answers in 150 ms +-50 ms and a server limit of 50 requests/s (429 + Retry-After).
// collab-bulk at --rate 50, newman (one request at a time) and an xargs -P 16 curl loop on the same
// rows, once with one agent per chat and once with three agents per chat written as three rows.
import { join } from 'node:path';
import { runCollab } from '../lib/collab.mjs';
import { headCsv, writeCsv } from '../lib/data.mjs';
import { startSandbox, traffic } from '../lib/sandbox.mjs';
import { runCurlLoop } from '../peers/curl-xargs.mjs';
import { runNewman } from '../peers/newman.mjs';

export const REALISTIC_API = { rateLimit: 50, latencyMs: 150, jitterMs: 50 };

export async function realistic({ dir, org, sizes, log }) {
  const sandbox = await startSandbox({ org, ...REALISTIC_API });
  const runs = [];
  try {
    for (const agentsPerChat of [1, 3]) {
      const rows = sizes.realisticRows;
      const csv = await writeCsv(join(dir, `realistic-${agentsPerChat}.csv`), rows, agentsPerChat);
      const measure = async (tool, rowCount, run) => {
        await sandbox.reset();
        log(`realistic, ${agentsPerChat} agent(s) per chat: ${tool} on ${rowCount} rows`);
        const result = await run();
        const seen = traffic(await sandbox.state());
        // Per applied row over the whole wall time, start-up included; newman's over its own run timings,
        // without its start-up, which if anything flatters newman.
        const seconds = result.sendSeconds ?? result.wallS;
        const entry = { tool, agentsPerChat, rows: rowCount, wallS: result.wallS, cpuS: result.cpuS, ...seen, lost: rowCount - seen.applied, msPerAppliedRow: (1000 * seconds) / Math.max(1, seen.applied) };
        if (result.summary) entry.achievedRate = result.summary.requestsPerSecond;
        runs.push(entry);
        return entry;
      };
      const out = join(dir, `realistic-${agentsPerChat}-out`);
      await measure('collab-bulk', rows, () => runCollab(csv, { baseUrl: sandbox.url, rate: 50, out }));
      const few = await headCsv(csv, join(dir, `realistic-${agentsPerChat}-head.csv`), sizes.newmanRealisticRows);
      await measure('newman', sizes.newmanRealisticRows, () => runNewman(dir, sandbox.url, few));
      await measure('xargs -P 16 curl', rows, () => runCurlLoop(dir, sandbox.url, csv));
    }
  } finally {
    await sandbox.close();
  }
  return runs;
}
