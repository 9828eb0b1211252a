// One run at a time per state: two runs recording the same pairs would each believe its own view.
// The holder is a row in the state's `lock` table (pid, host), claimed inside an immediate write
// transaction so two starting runs cannot both see it free. A row whose pid is no longer alive on
// this host was left by a killed run and is taken over; a row from another host is never guessed at.
import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { UsageError } from '../errors.js';
import { isAlive } from '../output/run-lock.js';

export interface StateLock {
  release(): void;
}

// States this process holds: a pid equal to ours names us only if we really took the lock, and
// otherwise is a dead run's pid reused (a container's pid 1, restarted).
const heldHere = new Set<string>();

interface Holder {
  pid: number;
  host: string;
  since: number;
}

/** `file` identifies the state across opens (its real path); `label` names it in the refusal. */
export function acquireStateLock(db: Database.Database, file: string, label: string, now: number): StateLock {
  const host = hostname();
  const refuse = (holder: Holder): never => {
    const where = holder.host === host ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.host}`;
    throw new UsageError(`${label} is in use by another collab-bulk run (${where}, since ${new Date(holder.since).toISOString()}): one run at a time per state, wait for it to finish`);
  };
  if (heldHere.has(file)) refuse({ pid: process.pid, host, since: now });
  const claim = db.transaction(() => {
    const holder = db.prepare('SELECT pid, host, since FROM lock WHERE id = 1').get() as Holder | undefined;
    if (holder !== undefined && (holder.host !== host || (holder.pid !== process.pid && isAlive(holder.pid)))) refuse(holder);
    db.prepare('INSERT OR REPLACE INTO lock (id, pid, host, since) VALUES (1, ?, ?, ?)').run(process.pid, host, now);
  });
  try {
    claim.immediate();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new UsageError(`${label} is in use by another collab-bulk run (its database stayed locked): one run at a time per state, wait for it to finish`);
    }
    throw error;
  }
  heldHere.add(file);
  let held = true;
  return {
    release(): void {
      if (!held) return;
      held = false;
      heldHere.delete(file);
      // Only our own row: a run that took over a lock we had lost keeps it.
      db.prepare('DELETE FROM lock WHERE id = 1 AND pid = ? AND host = ?').run(process.pid, host);
    },
  };
}
