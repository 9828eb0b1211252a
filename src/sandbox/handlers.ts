// The add/remove endpoints. One request goes through the real API's order of checks: count the
// arrival, wait, inject faults, rate limit, auth, body, chat; only a request that passes them all
// touches the collaborator state, so a 429, 5xx or reset never changes it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { planFaults } from './faults.js';
import type { ResolvedSandboxOptions } from './options.js';
import { digitsOnly, type CompiledOrg } from './org.js';
import { parsePayload, readBody } from './payload.js';
import { errorEnvelope, MESSAGES, sendJson, THROTTLED, UNAUTHORIZED } from './responses.js';
import type { Action, SandboxStore } from './state.js';
import type { TokenBuckets } from './token-bucket.js';

export interface ApiContext {
  readonly options: ResolvedSandboxOptions;
  readonly org: CompiledOrg;
  readonly store: SandboxStore;
  /** Undefined when there is no rate limit. */
  readonly buckets: TokenBuckets | undefined;
  /** Replaced by a freshly seeded one on reset. */
  random: () => number;
}

export async function handleCollaborators(
  ctx: ApiContext,
  action: Action,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  ctx.store.arrive(performance.now());
  res.once('close', () => ctx.store.depart());
  // Dice are drawn now, in arrival order, before any delay can reorder requests.
  const plan = planFaults(ctx.random, ctx.options);
  if (plan.delayMs > 0) await delay(plan.delayMs, undefined, { ref: false });

  if (plan.fault === 'reset') {
    ctx.store.countStatus('reset');
    req.socket.destroy();
    return;
  }
  if (plan.fault !== undefined) return answerError(ctx, res, plan.fault, MESSAGES[plan.fault]);

  const key = req.headers.authorization ?? '';
  if (ctx.buckets !== undefined && ctx.buckets.take(key, performance.now()) > 0) {
    // No Retry-After is documented, so none is sent unless the sandbox was told to (--retry-after).
    const headers = ctx.options.retryAfter === undefined ? undefined : { 'Retry-After': String(ctx.options.retryAfter) };
    return answer(ctx, res, 429, THROTTLED, headers);
  }
  if (key !== ctx.options.apiKey) return answer(ctx, res, 401, UNAUTHORIZED);

  const body = await readBody(req);
  // The client left mid-body: there is nobody to answer and nothing complete to apply.
  if (body.kind === 'aborted') return;
  if (body.kind === 'too-large') return answerError(ctx, res, 413, MESSAGES.tooLarge);
  const parsed = parsePayload(req.headers['content-type'], body.text);
  if (!parsed.ok) return answerError(ctx, res, 400, parsed.message);

  const { from, to, agentNumbers } = parsed.payload;
  const waba = digitsOnly(from);
  const customer = digitsOnly(to);
  const access = ctx.org.chatAccess(waba, customer);
  if (access === 'unknown') return answerError(ctx, res, 400, MESSAGES.chatNotResolved);
  if (access === 'forbidden') return answerError(ctx, res, 403, MESSAGES.forbidden);

  // As the reference shows: a member is echoed in its own spelling ("+" and country code) with its
  // name, an input that is no member as sent. For remove the lists say who matched a team member,
  // not who was a collaborator.
  const success: { number: string; name: string | null }[] = [];
  const failed: { number: string }[] = [];
  const matched: string[] = [];
  for (const sent of agentNumbers) {
    const agent = digitsOnly(sent);
    const member = agent === '' ? undefined : ctx.org.member(agent);
    if (member) {
      success.push({ number: `+${agent}`, name: member.name || null });
      matched.push(agent);
    } else failed.push({ number: sent });
  }
  ctx.store.apply(action, waba, customer, matched);
  answer(ctx, res, 200, { success, failed });
}

export function answer(ctx: ApiContext, res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  ctx.store.countStatus(status);
  sendJson(res, status, body, headers);
}

function answerError(ctx: ApiContext, res: ServerResponse, status: number, message: string | string[]): void {
  answer(ctx, res, status, errorEnvelope(status, message));
}
