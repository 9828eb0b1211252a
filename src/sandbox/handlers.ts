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
import { errorEnvelope, MESSAGES, sendJson } from './responses.js';
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
  if (ctx.buckets !== undefined) {
    const waitMs = ctx.buckets.take(key, performance.now());
    if (waitMs > 0) {
      const seconds = ctx.options.retryAfter ?? Math.max(1, Math.ceil(waitMs / 1000));
      return answerError(ctx, res, 429, MESSAGES.throttled, { 'Retry-After': String(seconds) });
    }
  }
  if (key !== ctx.options.apiKey) return answerError(ctx, res, 401, MESSAGES.unauthorized);

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

  // The lists echo numbers as sent; for remove they say who matched a team member, not who was a collaborator.
  const success: string[] = [];
  const failure: string[] = [];
  const matched: string[] = [];
  for (const sent of agentNumbers) {
    const agent = digitsOnly(sent);
    if (agent !== '' && ctx.org.isTeamMember(agent)) {
      success.push(sent);
      matched.push(agent);
    } else failure.push(sent);
  }
  ctx.store.apply(action, waba, customer, matched);
  answer(ctx, res, 200, { success, failure });
}

function answer(ctx: ApiContext, res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  ctx.store.countStatus(status);
  sendJson(res, status, body, headers);
}

function answerError(
  ctx: ApiContext,
  res: ServerResponse,
  status: number,
  message: string,
  headers?: Record<string, string>,
): void {
  answer(ctx, res, status, errorEnvelope(status, message), headers);
}
