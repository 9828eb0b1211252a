// The sandbox's ordered record of every change to its state: a collaborator added or removed, a chat
// assigned or unassigned, each with a sequence number. Tests read it to prove an order, e.g. that a
// chat never held neither its old nor its new agent. Only real changes are written (adding a pair
// that is already there changes nothing). Kept compact for a million-row benchmark: two parallel
// arrays, the pair key shared with the store's own set, and the objects built only when asked for.

export type ChangeKind = 'collaborator_added' | 'collaborator_removed' | 'assigned' | 'unassigned';

export interface SandboxChange {
  /** 1, 2, 3... in the order the changes happened; starts again at 1 after a reset. */
  seq: number;
  kind: ChangeKind;
  waba: string;
  customer: string;
  /** The collaborator added or removed, the new assignee, or the assignee taken off. Digits only. */
  agent: string;
  /** `assigned` only: who held the chat before (a reassignment), or null when nobody did. */
  previous?: string | null;
}

const KINDS: readonly ChangeKind[] = ['collaborator_added', 'collaborator_removed', 'assigned', 'unassigned'];

export class ChangeLog {
  #kinds: number[] = [];
  /** `waba|customer|agent`, plus `|previous` for an assignment. */
  #keys: string[] = [];

  get size(): number {
    return this.#kinds.length;
  }

  /** `pairKey` is `waba|customer|agent`. */
  record(kind: Exclude<ChangeKind, 'assigned'>, pairKey: string): void {
    this.#kinds.push(KINDS.indexOf(kind));
    this.#keys.push(pairKey);
  }

  recordAssigned(pairKey: string, previous: string | undefined): void {
    this.#kinds.push(KINDS.indexOf('assigned'));
    this.#keys.push(`${pairKey}|${previous ?? ''}`);
  }

  /** The changes after sequence number `after` (0: all of them), oldest first. */
  since(after = 0): SandboxChange[] {
    const out: SandboxChange[] = [];
    for (let i = Math.max(0, Math.floor(after)); i < this.#kinds.length; i++) {
      const kind = KINDS[this.#kinds[i]!]!;
      const [waba = '', customer = '', agent = '', previous] = this.#keys[i]!.split('|');
      const change: SandboxChange = { seq: i + 1, kind, waba, customer, agent };
      if (kind === 'assigned') change.previous = previous || null;
      out.push(change);
    }
    return out;
  }

  clear(): void {
    this.#kinds = [];
    this.#keys = [];
  }
}
