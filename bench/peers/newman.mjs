// newman, the Postman CLI, as a user would point it at the same CSV: a one-request collection with
// the CSV as iteration data. It sends one request at a time and never retries. Installed into
// bench/.peers on first use (never by the test suite).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PEERS_DIR } from '../lib/paths.mjs';
import { runMeasured } from '../lib/proc.mjs';

const NEWMAN = join(PEERS_DIR, 'node_modules/newman/bin/newman.js');

export function ensureNewman() {
  if (existsSync(NEWMAN)) return;
  console.error('bench: installing newman into bench/.peers (once)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', PEERS_DIR, 'newman@6'], { stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(NEWMAN)) throw new Error('could not install newman');
}

/** Writes the collection a Postman user would make for this API. */
export function writeCollection(dir, baseUrl) {
  const collection = {
    info: { name: 'collab-bulk bench: add chat collaborators', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      {
        name: 'add collaborator',
        request: {
          method: 'POST',
          header: [
            { key: 'Authorization', value: 'sandbox-key' },
            { key: 'Content-Type', value: 'application/json' },
          ],
          url: `${baseUrl}/collaborators/add`,
          body: { mode: 'raw', raw: '{"from":"{{waba_number}}","to":"{{customer_phone}}","agentNumbers":["{{agent_phone}}"]}' },
        },
      },
    ],
  };
  const path = join(dir, 'collection.json');
  writeFileSync(path, JSON.stringify(collection));
  return path;
}

/**
 * Runs newman over `csv` (all its rows); resolves with the child's figures plus `sendSeconds`, from
 * newman's own run timings (its start-up excluded, as collab-bulk's summary excludes its own).
 */
export async function runNewman(dir, baseUrl, csv) {
  ensureNewman();
  const collection = writeCollection(dir, baseUrl);
  const report = join(dir, 'newman-report.json');
  const run = await runMeasured(process.execPath, [NEWMAN, 'run', collection, '--iteration-data', csv, '--reporters', 'json', '--reporter-json-export', report, '--silent'], { timeoutMs: 600_000 });
  const timings = JSON.parse(readFileSync(report, 'utf8')).run.timings;
  return { ...run, sendSeconds: (timings.completed - timings.started) / 1000 };
}
