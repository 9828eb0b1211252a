// The checks every rate-limited API request passes first, in the real API's order: count the
// arrival, wait, inject faults, rate limit, auth; then, for a POST, the body as JSON. A request
// turned away here never reaches the state, so a 429, 5xx or reset never changes it. The
// collaborator, assignment and chat-list endpoints all come through here, so they share one rate
// limit per key and one fault dice.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { answer, answerError, type ApiContext } from './context.js';
import { planFaults } from './faults.js';
import { parseJsonObject, readBody } from './payload.js';
import { MESSAGES, THROTTLED, type ErrorEnvelope } from './responses.js';

/** True when the request may go on; otherwise it was answered (or dropped) here. */
export async function admit(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, endpoint: string, unauthorized: ErrorEnvelope): Promise<boolean> {
  ctx.store.arrive(performance.now(), endpoint);
  res.once('close', () => ctx.store.depart());
  // Dice are drawn now, in arrival order, before any delay can reorder requests.
  const plan = planFaults(ctx.random, ctx.options);
  if (plan.delayMs > 0) await delay(plan.delayMs, undefined, { ref: false });

  if (plan.fault === 'reset') {
    ctx.store.countStatus('reset');
    req.socket.destroy();
    return false;
  }
  if (plan.fault !== undefined) {
    answerError(ctx, res, plan.fault, MESSAGES[plan.fault]);
    return false;
  }
  const key = req.headers.authorization ?? '';
  if (ctx.buckets !== undefined && ctx.buckets.take(key, performance.now()) > 0) {
    // No Retry-After is documented, so none is sent unless the sandbox was told to (--retry-after).
    const headers = ctx.options.retryAfter === undefined ? undefined : { 'Retry-After': String(ctx.options.retryAfter) };
    answer(ctx, res, 429, THROTTLED, headers);
    return false;
  }
  if (key !== ctx.options.apiKey) {
    answer(ctx, res, 401, unauthorized);
    return false;
  }
  return true;
}

/** The body as a JSON object, or undefined when it was answered here (413, 400) or the client left mid-body. */
export async function readJsonObject(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, fields: string): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(req);
  // The client left mid-body: there is nobody to answer and nothing complete to apply.
  if (body.kind === 'aborted') return undefined;
  if (body.kind === 'too-large') return void answerError(ctx, res, 413, MESSAGES.tooLarge);
  const parsed = parseJsonObject(req.headers['content-type'], body.text, fields);
  if (!parsed.ok) return void answerError(ctx, res, 400, parsed.message);
  return parsed.body;
}
