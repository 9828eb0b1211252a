// Unknown limit: a server with a token bucket of L requests/s (bucket L) that nobody told the
// client, answers 150 ms +- 50 ms, L = 20, 50 and 120, with Retry-After on its 429s and without
// (as DoubleTick documents them). collab-bulk under --rate auto (default flags, or --max-rate 2L
// where the default --max-rate of 100 is under 2L: issue 20's condition) and with --rate 4L, and the
// AWS-style peer (got paced by @smithy/util-retry's DefaultRateLimiter), same rows, same
// server, in-flight cap 64 for the peer. Figures come from the sandbox's own request log.
import { join } from 'node:path';
import { runCollab } from '../lib/collab.mjs';
import { writeCsv } from '../lib/data.mjs';
import { ROOT } from '../lib/paths.mjs';
import { runMeasured } from '../lib/proc.mjs';
import { startSandbox, traffic } from '../lib/sandbox.mjs';
import { perSecond, timeToSteady } from '../lib/series.mjs';

export const LIMITS = [20, 50, 120];
export const PEER_CONCURRENCY = 64;
const AWS_PEER = join(ROOT, 'bench/peers/aws-adaptive-got.mjs');

/** --max-rate's default (src/run/options.ts): under --rate auto the pace never goes above it. */
const DEFAULT_MAX_RATE = 100;
const autoArgs = (limit) => (2 * limit > DEFAULT_MAX_RATE ? ['--max-rate', String(2 * limit)] : []);
const autoTool = (limit) => ['collab-bulk', ...autoArgs(limit)].join(' ');

export async function unknownLimit({ dir, org, sizes, log, narrow }) {
  const runs = [];
  for (const retryAfter of [false, true]) {
    for (const limit of narrow?.limits ?? LIMITS) {
      const sandbox = await startSandbox({ org, rateLimit: limit, latencyMs: 150, jitterMs: 50, retryAfter: retryAfter ? 1 : undefined, trace: true });
      try {
        const rows = limit >= 100 ? sizes.limitRowsHigh : sizes.limitRows;
        const csv = await writeCsv(join(dir, `limit-${rows}.csv`), rows, 1);
        const tools = [
          ['auto', autoTool(limit), () => runCollab(csv, { baseUrl: sandbox.url, rate: 'auto', args: autoArgs(limit), out: join(dir, `limit-${limit}-${retryAfter}-auto`) })],
          ['4l', `collab-bulk --rate ${4 * limit}`, () => runCollab(csv, { baseUrl: sandbox.url, rate: 4 * limit, out: join(dir, `limit-${limit}-${retryAfter}-4l`) })],
          ['aws', 'AWS adaptive (got)', () => runMeasured(process.execPath, [AWS_PEER, sandbox.url, String(rows), String(PEER_CONCURRENCY)], { cwd: ROOT })],
        ];
        for (const [mode, tool, run] of tools) {
          if (narrow?.limitTools && !narrow.limitTools.includes(mode)) continue;
          await sandbox.reset();
          sandbox.takeTrace();
          log(`unknown limit L=${limit}, ${retryAfter ? 'with' : 'without'} Retry-After: ${tool} on ${rows} rows`);
          const result = await run();
          const seen = traffic(await sandbox.state());
          const series = perSecond(sandbox.takeTrace());
          runs.push({
            tool,
            mode,
            limit,
            retryAfter,
            rows,
            wallS: result.wallS,
            spanS: series.spanS,
            ...seen,
            // Applied rows per second from the first request to the last, as a share of L; and over the process's wall time.
            shareOfLimit: seen.applied / series.spanS / limit,
            shareOfLimitWall: seen.applied / result.wallS / limit,
            throttledShare: seen.throttled / Math.max(1, seen.requests),
            steadyAfterS: timeToSteady(series.granted),
            granted: series.granted,
            throttledPerSecond: series.throttled,
          });
        }
      } finally {
        await sandbox.close();
      }
    }
  }
  return runs;
}
