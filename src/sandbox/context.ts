// What every sandbox handler shares: the resolved options, the organisation, the store, the rate
// limit's buckets and the fault dice, and the one way an answer leaves (counted by its status).
import type { ServerResponse } from 'node:http';
import type { ResolvedSandboxOptions } from './options.js';
import type { CompiledOrg } from './org.js';
import { errorEnvelope, sendJson } from './responses.js';
import type { SandboxStore } from './state.js';
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

export function answer(ctx: ApiContext, res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  ctx.store.countStatus(status);
  sendJson(res, status, body, headers);
}

export function answerError(ctx: ApiContext, res: ServerResponse, status: number, message: string | string[]): void {
  answer(ctx, res, status, errorEnvelope(status, message));
}
