// What the got-based peers (bare-got, aws-adaptive-got) share: their command line, a got client set
// up like collab-bulk's (keep-alive agent sized to the concurrency, no retries of its own, no
// redirects, JSON answers parsed by the caller), the request for a bench row, the status counts,
// and the one JSON line of figures each prints at the end.
//   node <peer>.mjs <baseUrl> <rows> <concurrency>
import http from 'node:http';
import got from 'got';
import { rowAt } from './data.mjs';

export function gotPeer() {
  const [baseUrl, rowsArg, concurrencyArg] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const concurrency = Number(concurrencyArg);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const client = got.extend({
    headers: { authorization: 'sandbox-key', 'content-type': 'application/json', accept: 'application/json' },
    retry: { limit: 0 },
    timeout: { request: 30_000 },
    throwHttpErrors: false,
    followRedirect: false,
    agent: { http: agent },
  });
  const url = new URL('/collaborators/add', baseUrl);
  const statuses = {};
  const started = performance.now();
  return {
    rows,
    concurrency,
    statuses,
    /** Sends bench row `row` once, counts and parses its answer, and returns the response. */
    async post(row) {
      const [waba, customer, agentPhone] = rowAt(row);
      const response = await client.post(url, { body: JSON.stringify({ from: waba, to: customer, agentNumbers: [agentPhone] }) });
      JSON.parse(response.body);
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      return response;
    },
    /** Closes the sockets and prints the figures: rows sent, seconds, the peer's `extra(seconds)`, statuses. */
    finish(extra = () => ({})) {
      agent.destroy();
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(`${JSON.stringify({ sent: rows, seconds, ...extra(seconds), statuses })}\n`);
    },
  };
}
