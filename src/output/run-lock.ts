// One run per out dir at a time: two processes writing the same results.csv and journal would
// resend rows and tear each other's files. The lock is a file holding the holder's pid, created
// exclusively; a lock whose pid is no longer alive was left by a killed run and is taken over.
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export const LOCK_FILE = 'run.lock';

export interface RunLock {
  release(): void;
}

export function acquireRunLock(dir: string, pid = process.pid): RunLock {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Written aside and linked into place: the lock never exists without its pid in it.
      const aside = `${path}.${pid}`;
      writeFileSync(aside, `${pid}\n`);
      try {
        linkSync(aside, path);
      } finally {
        unlinkSync(aside);
      }
      return lockAt(path, pid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UsageError(`--out ${dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): choose a folder you can write to`);
      }
    }
    const holder = holderOf(path);
    if (holder !== undefined && holder !== pid && isAlive(holder)) {
      throw new UsageError(`--out ${dir} is in use by another collab-bulk run (pid ${holder}): wait for it to finish, or choose another --out`);
    }
    // Left by a run that was killed (or unreadable): take it over.
    try {
      unlinkSync(path);
    } catch {
      // Another process took it over first; the next attempt finds out who.
    }
  }
  throw new UsageError(`--out ${dir} is being taken by another collab-bulk run: choose another --out`);
}

function lockAt(path: string, pid: number): RunLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // Only our own lock: a run that took over a lock we lost must keep it.
    if (holderOf(path) === pid) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
  };
  // Also on process.exit (a second Ctrl-C): a lock left behind would only be taken over later.
  process.on('exit', release);
  return { release };
}

function holderOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists on this machine (shared with the state's lock). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
