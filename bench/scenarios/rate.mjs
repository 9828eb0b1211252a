// Rate use and cost per row: collab-bulk at --rate 50 and --rate 300 against a sandbox that answers
// at once and never throttles (achieved rate, busiest second the sandbox saw, CPU), and the bare
// node:http reference client sending the same rows at 300/s for the CPU comparison.
import { join } from 'node:path';
import { runCollab } from '../lib/collab.mjs';
import { BARE_HTTP } from '../lib/paths.mjs';
import { writeCsv } from '../lib/data.mjs';
import { runMeasured } from '../lib/proc.mjs';
import { traffic } from '../lib/sandbox.mjs';

export async function rateUse({ dir, sandbox, sizes, log }) {
  const runs = [];
  for (const rate of [50, 300]) {
    const rows = rate === 50 ? sizes.rate50Rows : sizes.rate300Rows;
    const csv = await writeCsv(join(dir, `rate-${rate}.csv`), rows, 1);
    await sandbox.reset();
    log(`rate use: collab-bulk --rate ${rate} on ${rows} rows`);
    const ours = await runCollab(csv, { baseUrl: sandbox.url, rate, out: join(dir, `rate-${rate}-out`) });
    const seen = traffic(await sandbox.state());
    runs.push({ tool: 'collab-bulk', rate, rows, wallS: ours.wallS, cpuS: ours.cpuS, achievedRate: ours.summary.requestsPerSecond, ...seen, cpuPer1000Rows: (1000 * ours.cpuS) / rows });
    if (rate !== 300) continue;
    await sandbox.reset();
    log(`efficiency: bare node:http client at ${rate}/s on the same ${rows} rows`);
    const bare = await runMeasured(process.execPath, [BARE_HTTP, csv, sandbox.url, String(rate), '64']);
    const bareSeen = traffic(await sandbox.state());
    const report = JSON.parse(bare.stdout);
    runs.push({ tool: 'bare node:http', rate, rows, wallS: bare.wallS, cpuS: bare.cpuS, achievedRate: report.requestsPerSecond, ...bareSeen, cpuPer1000Rows: (1000 * bare.cpuS) / rows });
  }
  return runs;
}
