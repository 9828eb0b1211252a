// Everything the sandbox remembers: collaborator pairs, call and status counts, and the traffic
// figures (arrivals, 1-second peak, concurrency). Kept compact for a million pairs: one string key
// per pair, and the sorted, object-shaped view is only built when someone asks for it.
import type { SandboxState } from './options.js';
import { SlidingWindowPeak } from './sliding-window.js';

export type Action = 'add' | 'remove';

export class SandboxStore {
  readonly #pairs = new Set<string>();
  readonly #calls = { add: new Map<string, number>(), remove: new Map<string, number>() };
  readonly #statusCounts = new Map<string, number>();
  readonly #window = new SlidingWindowPeak(1000);
  #requests = 0;
  #teamRequests = 0;
  #inFlight = 0;
  #maxInFlight = 0;

  /** An API request arrived; pair with exactly one `depart()`. */
  arrive(nowMs: number): void {
    this.#requests += 1;
    this.#window.record(nowMs);
    this.#inFlight += 1;
    if (this.#inFlight > this.#maxInFlight) this.#maxInFlight = this.#inFlight;
  }

  /** A GET /team or /team/member arrived; not counted in `requests`, which are collaborator calls. */
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
      if (action === 'add') this.#pairs.add(key);
      else this.#pairs.delete(key);
      calls.set(key, (calls.get(key) ?? 0) + 1);
    }
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
      addCalls: Object.fromEntries(this.#calls.add),
      removeCalls: Object.fromEntries(this.#calls.remove),
      statusCounts: Object.fromEntries(this.#statusCounts),
      requests: this.#requests,
      teamRequests: this.#teamRequests,
      maxRequestsInOneSecond: this.#window.peak,
      maxInFlight: this.#maxInFlight,
    };
  }

  /** Forgets everything except the requests still being handled, which will still depart. */
  clear(): void {
    this.#pairs.clear();
    this.#calls.add.clear();
    this.#calls.remove.clear();
    this.#statusCounts.clear();
    this.#window.clear();
    this.#requests = 0;
    this.#teamRequests = 0;
    this.#maxInFlight = this.#inFlight;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
