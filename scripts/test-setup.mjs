#!/usr/bin/env node
// Runs before `npm test` (the pretest script): makes sure the three programs some tests need beyond
// Node are installed, and installs the missing ones with apt-get (with sudo when not root). They are
// Debian packages: redis-server (the clustered-limiter tests start their own on a loopback port),
// chromium (report.html is opened headless through playwright-core, which downloads no browser) and
// docker-compose (a test validates docker-compose.yml; no container engine is needed).
// Where nothing can be installed (no apt-get, not root and no sudo) it says so in one sentence and
// lets the tests run: those that need a missing program then fail saying what to install.
//   node scripts/test-setup.mjs            check, and install what is missing
//   node scripts/test-setup.mjs --plan     only print what it would do (PATH as given; --uid=N to play another user)
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const PACKAGES = ['redis-server', 'chromium', 'docker-compose'];

/** Where `name` is on `path`, as the shell would find it, or undefined. */
export function onPath(name, path) {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The decision, pure: what is missing and the commands that would install it, or why they cannot run. */
export function plan({ path, uid }) {
  const missing = PACKAGES.filter((name) => !onPath(name, path));
  if (missing.length === 0) return { missing, commands: [], note: `test set-up: ${PACKAGES.join(', ')} are installed.` };
  const list = missing.join(' ');
  const cannot = (why) => ({
    missing,
    commands: [],
    note: `test set-up: cannot install ${missing.join(', ')} (${why}): install the Debian package${missing.length > 1 ? 's' : ''} ${list} yourself, or the tests that need ${missing.length > 1 ? 'them' : 'it'} will fail.`,
  });
  if (!onPath('apt-get', path)) return cannot('no apt-get on this machine');
  const sudo = uid === 0 ? [] : onPath('sudo', path) ? ['sudo'] : undefined;
  if (!sudo) return cannot('not root, and no sudo');
  return {
    missing,
    commands: [
      [...sudo, 'apt-get', 'update'],
      [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', ...missing],
    ],
    note: `test set-up: installing ${missing.join(', ')} with apt-get.`,
  };
}

function main(argv) {
  const uidFlag = argv.find((arg) => arg.startsWith('--uid='));
  const uid = uidFlag ? Number(uidFlag.slice('--uid='.length)) : process.getuid?.() ?? 0;
  const decided = plan({ path: process.env.PATH, uid });
  console.log(decided.note);
  for (const command of decided.commands) {
    if (argv.includes('--plan')) {
      console.log(`would run: ${command.join(' ')}`);
      continue;
    }
    const done = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
    if (done.status !== 0) {
      console.log(`test set-up: \`${command.join(' ')}\` failed: install ${decided.missing.join(' ')} yourself, or the tests that need them will fail.`);
      return;
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
