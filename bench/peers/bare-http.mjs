// Reference client, not a product path: the least a Node program can do to send the same rows at
// the same rate. node:http with keep-alive sockets, the CSV split by hand (the bench writes it, so
// it is simple), one request per row, starts paced at `rate` per second, at most `concurrency` in
// flight. No retries, no results file. Prints one JSON line of counts.
//   node bare-http.mjs <csv> <baseUrl> <rate> <concurrency>
import { createReadStream } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';

const [csv, baseUrl, rateArg, concurrencyArg] = process.argv.slice(2);
const rate = Number(rateArg);
const concurrency = Number(concurrencyArg);
const url = new URL('/collaborators/add', baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const statuses = {};
let inFlight = 0;
let sent = 0;
const started = performance.now();

function send(row) {
  const [customer, agentPhone, waba] = row.split(',');
  const body = JSON.stringify({ from: waba.replace(/\D/g, ''), to: customer.replace(/\D/g, ''), agentNumbers: [agentPhone.replace(/\D/g, '')] });
  inFlight++;
  sent++;
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { authorization: 'sandbox-key', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        inFlight--;
        resolve();
      });
    });
    req.on('error', () => {
      statuses.error = (statuses.error ?? 0) + 1;
      inFlight--;
      resolve();
    });
    req.end(body);
  });
}

let wake;
const lines = createInterface({ input: createReadStream(csv), crlfDelay: Infinity });
let header = true;
for await (const line of lines) {
  if (header || line === '') {
    header = false;
    continue;
  }
  while (inFlight >= concurrency) await new Promise((resolve) => (wake = resolve));
  if (rate > 0) {
    const due = started + (sent * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  send(line).then(() => wake?.());
}
while (inFlight > 0) await new Promise((resolve) => (wake = resolve));
agent.destroy();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ sent, seconds, requestsPerSecond: sent / seconds, statuses })}\n`);
