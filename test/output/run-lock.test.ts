import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireRunLock, LOCK_FILE } from '../../src/output/run-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'collab-lock-'));
  dirs.push(dir);
  return dir;
}

describe('acquireRunLock', () => {
  it('writes our pid into the lock and removes it on release', () => {
    const dir = folder();
    const lock = acquireRunLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a folder locked by a live process, naming its pid', () => {
    const dir = folder();
    // pid 1 is always alive.
    writeFileSync(join(dir, LOCK_FILE), '1\n');
    expect(() => acquireRunLock(dir)).toThrow(/in use by another collab-bulk run \(pid 1\)/);
  });

  it('takes over a lock whose process is gone', () => {
    const dir = folder();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
    const lock = acquireRunLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });
});
