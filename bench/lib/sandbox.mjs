// The sandbox as a separate process, started through the built CLI, so its CPU is never counted
// as ours. The bench reads its figures (requests, statuses, pairs, busiest second) once per run.
import { get, request } from 'node:http';
import { BIN } from './paths.mjs';
import { procUsage, startMeasured } from './proc.mjs';

/**
 * options: { org, rateLimit, latencyMs, jitterMs, retryAfter (seconds; the sandbox sends none by default), trace }
 * With trace, the sandbox logs every request and `takeTrace()` returns them since the last call:
 * [{ at (ms, arrival, epoch), status }].
 */
export async function startSandbox(options) {
  const args = [BIN, 'sandbox', '--port', '0', '--log-level', options.trace ? 'info' : 'warn', '--org', options.org];
  if (options.rateLimit) args.push('--rate-limit', String(options.rateLimit));
  if (options.retryAfter !== undefined) args.push('--retry-after', String(options.retryAfter));
  if (options.latencyMs) args.push('--latency-ms', String(options.latencyMs));
  if (options.jitterMs) args.push('--jitter-ms', String(options.jitterMs));
  let announce;
  const ready = new Promise((resolve) => (announce = resolve));
  let seen = '';
  let trace = [];
  let partial = '';
  const onStderr = options.trace
    ? (text) => {
        const lines = (partial + text).split('\n');
        partial = lines.pop();
        for (const line of lines) {
          if (!line.includes('"msg":"request"')) continue;
          const entry = JSON.parse(line);
          if (entry.path?.startsWith('/collaborators/')) trace.push({ at: entry.time - entry.ms, status: entry.status });
        }
      }
    : undefined;
  const proc = startMeasured(process.execPath, ['--max-old-space-size=4096', ...args], {
    onStderr,
    onStdout(text) {
      seen += text;
      const match = /sandbox listening on (\S+)/.exec(seen);
      if (match) announce(match[1]);
    },
    // Not under time: the sandbox is stopped with a signal, and its figures are read from /proc first.
    timed: false,
    timeoutMs: 0,
  });
  const url = await Promise.race([
    ready,
    proc.done.then((r) => Promise.reject(new Error(`sandbox exited before listening: ${r.stderr}`))),
    new Promise((_, reject) => setTimeout(() => reject(new Error('sandbox did not start within 10 s')), 10_000).unref()),
  ]);
  return {
    url,
    state: () => getJson(`${url}/__sandbox/state`),
    /** Forgets pairs, counts and the rate limiter's buckets, between two measured runs. */
    reset: () => post(`${url}/__sandbox/reset`),
    /** The requests logged since the last call (trace mode), in arrival order. */
    takeTrace: () => {
      const taken = trace.sort((a, b) => a.at - b.at);
      trace = [];
      return taken;
    },
    /** CPU seconds and peak RSS of the sandbox so far. */
    usage: () => procUsage(proc.child.pid),
    async close() {
      proc.stop();
      await proc.done;
    },
  };
}

function post(url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 204 ? resolve() : reject(new Error(`reset answered ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('sandbox reset took over 10 s')));
    req.on('error', reject);
    req.end();
  });
}

function getJson(url) {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: 120_000 }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('sandbox state took over 120 s')));
    req.on('error', reject);
  });
}

/** What the sandbox saw, in the figures the bench reports. */
export function traffic(state) {
  const statuses = state.statusCounts ?? {};
  return {
    requests: state.requests,
    applied: state.collaborators.length,
    throttled: statuses['429'] ?? 0,
    busiestSecond: state.maxRequestsInOneSecond,
    maxInFlight: state.maxInFlight,
  };
}
