// The peer a careful engineer would write instead of collab-bulk: a got client (set up like
// collab-bulk's: keep-alive, no retries of its own, JSON answers parsed) paced by the AWS SDK's
// adaptive rate limiter, DefaultRateLimiter from @smithy/util-retry (a token bucket whose fill rate
// follows a CUBIC curve around the rate measured when throttled). Every answer is fed to it, 429s
// as throttling; a 429'd row is resent after the SDK's throttling backoff (full jitter, 500 ms base,
// 20 s cap), never before Retry-After when the server sends one, up to 20 times, like collab-bulk.
// Same rows as the bench CSV (one agent per chat). Prints one JSON line of counts.
//   node aws-adaptive-got.mjs <baseUrl> <rows> <concurrency>
import { DefaultRateLimiter } from '@smithy/util-retry';
import { gotPeer } from '../lib/got-peer.mjs';

const peer = gotPeer();
const limiter = new DefaultRateLimiter();
let next = 0;
let lost = 0;

async function send(row) {
  for (let attempt = 1; ; attempt++) {
    await limiter.getSendToken();
    const response = await peer.post(row);
    const throttled = response.statusCode === 429;
    limiter.updateClientSendingRate(throttled ? { errorType: 'THROTTLING' } : {});
    if (!throttled) return;
    if (attempt > 20) return void lost++;
    const retryAfterMs = Number(response.headers['retry-after']) * 1000 || 0;
    const backoff = Math.floor(Math.random() * Math.min(20_000, 500 * 2 ** (attempt - 1)));
    await new Promise((resolve) => setTimeout(resolve, Math.max(backoff, retryAfterMs)));
  }
}

async function worker() {
  while (next < peer.rows) await send(next++);
}

await Promise.all(Array.from({ length: peer.concurrency }, worker));
peer.finish(() => ({ lost }));
