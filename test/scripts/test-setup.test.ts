// The set-up `npm test` runs first (scripts/test-setup.mjs), in its plan mode: given a PATH and a
// user, what it would install and how, without installing anything. Stand-in programs on a
// temporary PATH play the installed packages, apt-get and sudo.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/cli.js';
import { requireTool } from '../support/tools.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A PATH holding only stand-ins named `programs`. */
function pathWith(...programs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'test-setup-'));
  dirs.push(dir);
  for (const name of programs) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

async function plan(path: string, uid: number): Promise<string[]> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'scripts/test-setup.mjs'), '--plan', `--uid=${uid}`], { env: { PATH: path } });
  return stdout.trim().split('\n');
}

describe('scripts/test-setup.mjs --plan', () => {
  it('installs nothing when the three programs are there', async () => {
    expect(await plan(pathWith('redis-server', 'chromium', 'docker-compose', 'apt-get'), 1000)).toEqual([
      'test set-up: redis-server, chromium, docker-compose are installed.',
    ]);
  });

  it('installs only the missing ones, with sudo when not root and without it as root', async () => {
    const path = pathWith('redis-server', 'apt-get', 'sudo');
    expect(await plan(path, 1000)).toEqual([
      'test set-up: installing chromium, docker-compose with apt-get.',
      'would run: sudo apt-get update',
      'would run: sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium docker-compose',
    ]);
    expect(await plan(path, 0)).toEqual([
      'test set-up: installing chromium, docker-compose with apt-get.',
      'would run: apt-get update',
      'would run: env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium docker-compose',
    ]);
  });

  it('says in one sentence what to install when it cannot: no apt-get, or not root and no sudo', async () => {
    expect(await plan(pathWith('chromium'), 0)).toEqual([
      'test set-up: cannot install redis-server, docker-compose (no apt-get on this machine): install the Debian packages redis-server docker-compose yourself, or the tests that need them will fail.',
    ]);
    expect(await plan(pathWith('apt-get', 'redis-server', 'chromium'), 1000)).toEqual([
      'test set-up: cannot install docker-compose (not root, and no sudo): install the Debian package docker-compose yourself, or the tests that need it will fail.',
    ]);
  });
});

describe('a test that needs a missing program', () => {
  it('fails with one sentence naming the package, and no stack frames', () => {
    const path = pathWith('chromium');
    expect(requireTool('chromium', path)).toBe(join(path, 'chromium'));
    let thrown: Error | undefined;
    try {
      requireTool('redis-server', path);
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.message).toBe(
      "redis-server is not installed: install Debian's redis-server package (apt-get install redis-server), as npm test does by itself where it can.",
    );
    expect(thrown?.stack).toBe(`MissingTool: ${thrown?.message}`);
  });
});
