// Reference client, not a product path: the same got the product uses, set up the same way (keep-
// alive agent, no retries, no redirects, JSON answers parsed), sending `rows` distinct requests
// with `concurrency` in flight and nothing else: no CSV, no planning, no results. It is the
// ceiling collab-bulk's unthrottled rate is compared with. Prints one JSON line of counts.
//   node bare-got.mjs <baseUrl> <rows> <concurrency>
import http from 'node:http';
import got from 'got';
import { rowAt } from '../lib/data.mjs';

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
let next = 0;
const started = performance.now();

async function worker() {
  while (next < rows) {
    const [waba, customer, agentPhone] = rowAt(next++);
    const response = await client.post(url, { body: JSON.stringify({ from: waba, to: customer, agentNumbers: [agentPhone] }) });
    JSON.parse(response.body);
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
agent.destroy();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ sent: rows, seconds, requestsPerSecond: rows / seconds, statuses })}\n`);
