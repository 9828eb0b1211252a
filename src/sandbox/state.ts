// Everything the sandbox remembers: collaborator pairs, chat assignees, the ordered log of their
// changes, call and status counts, and the traffic figures (arrivals, 1-second peak, concurrency).
// Kept compact for a million pairs: one string key per pair, and the sorted, object-shaped view is
// only built when someone asks for it.
import { ChangeLog, type SandboxChange } from './change-log.js';
import { compare, Inbox, type InboxChat } from './inbox.js';
import type { SandboxState } from './options.js';
import type { ChatSeed } from './org.js';
import { SlidingWindowPeak } from './sliding-window.js';

export type Action = 'add' | 'remove';

/** What an assignment did: made the change, found the agent already there, or found another agent there (no reassign). */
export type AssignResult = 'assigned' | 'unchanged' | 'taken';

export class SandboxStore {
  readonly #seeds: readonly ChatSeed[];
  readonly #pairs = new Set<string>();
  readonly #inbox: Inbox;
  readonly #log = new ChangeLog();
  readonly #calls = { add: new Map<string, number>(), remove: new Map<string, number>() };
  readonly #statusCounts = new Map<string, number>();
  readonly #apiRequests = new Map<string, number>();
  readonly #window = new SlidingWindowPeak(1000);
  #requests = 0;
  #teamRequests = 0;
  #inFlight = 0;
  #maxInFlight = 0;

  /** `seeds`: the organisation file's chats, with the assignees and collaborators they start with. */
  constructor(seeds: readonly ChatSeed[] = []) {
    this.#seeds = seeds;
    this.#inbox = new Inbox(seeds);
    this.#seedPairs();
  }

  /** A rate-limited API request arrived at `endpoint` (e.g. "POST /collaborators/add"); pair with exactly one `depart()`. */
  arrive(nowMs: number, endpoint: string): void {
    this.#requests += 1;
    this.#apiRequests.set(endpoint, (this.#apiRequests.get(endpoint) ?? 0) + 1);
    this.#window.record(nowMs);
    this.#inFlight += 1;
    if (this.#inFlight > this.#maxInFlight) this.#maxInFlight = this.#inFlight;
  }

  /** A GET /team or /team/member arrived; not counted in `requests`, which are the rate-limited calls. */
  countTeamRequest(): void {
    this.#teamRequests += 1;
  }

  depart(): void {
    this.#inFlight -= 1;
  }

  countStatus(status: number | 'reset'): void {
    const key = String(status);
    this.#statusCounts.set(key, (this.#statusCounts.get(key) ?? 0) + 1);
  }

  /** Applies one accepted call; `agents` are the matched team members, digits only. */
  apply(action: Action, waba: string, customer: string, agents: Iterable<string>): void {
    const calls = this.#calls[action];
    // The same agent written twice in one call is still one call carrying that pair.
    for (const agent of new Set(agents)) {
      const key = `${waba}|${customer}|${agent}`;
      if (action === 'add' && !this.#pairs.has(key)) {
        this.#pairs.add(key);
        this.#log.record('collaborator_added', key);
      } else if (action === 'remove' && this.#pairs.delete(key)) this.#log.record('collaborator_removed', key);
      calls.set(key, (calls.get(key) ?? 0) + 1);
    }
  }

  /** Makes `agent` the chat's assignee; over another agent only with `reassign`. */
  assign(waba: string, customer: string, agent: string, reassign: boolean): AssignResult {
    const chat = this.#inbox.open(waba, customer);
    if (chat.assignee === agent) return 'unchanged';
    if (chat.assignee !== undefined && !reassign) return 'taken';
    this.#log.recordAssigned(`${waba}|${customer}|${agent}`, chat.assignee);
    chat.assignee = agent;
    return 'assigned';
  }

  /** Takes the chat's assignee off, if it has one. */
  unassign(waba: string, customer: string): void {
    const chat = this.#inbox.get(waba, customer);
    if (chat?.assignee === undefined) return;
    this.#log.record('unassigned', `${waba}|${customer}|${chat.assignee}`);
    chat.assignee = undefined;
  }

  /** The known chats that pass `keep`, in GET /chats's order. */
  chats(keep: (chat: InboxChat) => boolean): InboxChat[] {
    return this.#inbox.list(keep);
  }

  /** The changes after sequence number `after`, oldest first. */
  changes(after = 0): SandboxChange[] {
    return this.#log.since(after);
  }

  snapshot(): SandboxState {
    const collaborators = [...this.#pairs]
      .map((key) => {
        const [waba = '', customer = '', agent = ''] = key.split('|');
        return { waba, customer, agent };
      })
      .sort((a, b) => compare(a.waba, b.waba) || compare(a.customer, b.customer) || compare(a.agent, b.agent));
    return {
      collaborators,
      assignees: this.#inbox.assignees(),
      changeCount: this.#log.size,
      addCalls: Object.fromEntries(this.#calls.add),
      removeCalls: Object.fromEntries(this.#calls.remove),
      statusCounts: Object.fromEntries(this.#statusCounts),
      requests: this.#requests,
      apiRequests: Object.fromEntries(this.#apiRequests),
      teamRequests: this.#teamRequests,
      maxRequestsInOneSecond: this.#window.peak,
      maxInFlight: this.#maxInFlight,
    };
  }

  /** Back to the organisation file's chats; forgets everything else except the requests still being handled, which will still depart. */
  clear(): void {
    this.#pairs.clear();
    this.#seedPairs();
    this.#inbox.clear();
    this.#log.clear();
    this.#calls.add.clear();
    this.#calls.remove.clear();
    this.#statusCounts.clear();
    this.#apiRequests.clear();
    this.#window.clear();
    this.#requests = 0;
    this.#teamRequests = 0;
    this.#maxInFlight = this.#inFlight;
  }

  #seedPairs(): void {
    for (const seed of this.#seeds) for (const agent of seed.collaborators) this.#pairs.add(`${seed.waba}|${seed.customer}|${agent}`);
  }
}
