// Public entry of the sandbox, a simulated DoubleTick API (chat collaborators, assignment, chat list,
// team) on loopback HTTP for end-to-end tests, the demo and the benchmark. Wires options,
// organisation, state and server.
import type { ApiContext } from './context.js';
import { resolveSandboxOptions, type Sandbox, type SandboxOptions } from './options.js';
import { loadOrg } from './org.js';
import { mulberry32 } from './random.js';
import { closeServer, createSandboxServer, listen } from './server.js';
import { SandboxStore } from './state.js';
import { TokenBuckets } from './token-bucket.js';

export type { Sandbox, SandboxOptions, SandboxState } from './options.js';
export type { ChangeKind, SandboxChange } from './change-log.js';
export { SANDBOX_DEFAULTS } from './options.js';
export type { Org, OrgChat } from './org.js';
export { DEFAULT_ORG_PATH } from './org.js';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveSandboxOptions(options);
  const org = await loadOrg(options.org);
  const ctx: ApiContext = {
    options: resolved,
    org,
    store: new SandboxStore(org.chats),
    buckets: resolved.rateLimit > 0 ? new TokenBuckets(resolved.rateLimit, resolved.burst) : undefined,
    random: mulberry32(resolved.seed),
  };
  const reset = (): void => {
    ctx.store.clear();
    ctx.buckets?.clear();
    // Re-seeding makes "reset, then replay the same requests" give the same faults again.
    ctx.random = mulberry32(resolved.seed);
  };
  const server = createSandboxServer(ctx, { reset });
  const url = await listen(server, resolved.port, resolved.host);
  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => (closing ??= closeServer(server)),
    state: () => ctx.store.snapshot(),
    changes: (after) => ctx.store.changes(after),
    reset,
  };
}
