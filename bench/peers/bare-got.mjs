// Reference client, not a product path: the same got the product uses, set up the same way (keep-
// alive agent, no retries, no redirects, JSON answers parsed), sending `rows` distinct requests
// with `concurrency` in flight and nothing else: no CSV, no planning, no results. It is the
// ceiling collab-bulk's unthrottled rate is compared with. Prints one JSON line of counts.
//   node bare-got.mjs <baseUrl> <rows> <concurrency>
import { gotPeer } from '../lib/got-peer.mjs';

const peer = gotPeer();
let next = 0;

async function worker() {
  while (next < peer.rows) await peer.post(next++);
}

await Promise.all(Array.from({ length: peer.concurrency }, worker));
peer.finish((seconds) => ({ requestsPerSecond: peer.rows / seconds }));
