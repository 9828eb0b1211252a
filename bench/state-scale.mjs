// node bench/state-scale.mjs [pairs] [--dir DIR]   (needs `npm run build`)
// Measures the nightly state (src/state) at scale, each night in its own process so that each
// peak RSS (VmHWM) is that phase's own: night 1 records `pairs` applied adds (default 2,000,000:
// 1,000,000 chats x 2 agents); night 2 reads an input naming the same chats with 1% of the pairs
// replaced (see() per pair, as a --mirror run does), records the new pairs, counts and walks the
// removals, and walks every added pair.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STORE = new URL('../dist/state/store.js', import.meta.url).href;
const args = process.argv.slice(2);

if (args[0] === '--night') {
  const [, night, path, total] = args;
  const { openState } = await import(STORE);
  const pairs = Number(total);
  const chats = pairs / 2;
  const pairOf = (chat, slot, changed) => ({
    waba: String(971500000000 + (chat % 5)),
    customer: String(919000000000 + chat),
    agent: String(447700900000 + ((chat * 2 + slot + (changed ? 500 : 0)) % 1000)),
  });
  const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
  const figures = {};
  const timed = (name, fn) => {
    const start = performance.now();
    const result = fn();
    figures[name] = { seconds: +((performance.now() - start) / 1000).toFixed(2), peakMB: +hwm().toFixed(0) };
    return result;
  };
  const state = openState(path);
  const run = state.beginRun({ input: `night${night}.csv`, action: 'add', mirror: night === '2' });
  if (night === '1') {
    timed('record', () => {
      for (let chat = 0; chat < chats; chat++) {
        for (let slot = 0; slot < 2; slot++) state.recordPair({ ...pairOf(chat, slot, false), action: 'add', row: chat + 1, raw: '', outcome: { kind: 'applied', httpStatus: 200 } }, run);
      }
      state.flush();
    });
  } else {
    // 1% of the chats name a different second agent: that new pair is sent, the old one left the input.
    const changed = (chat) => chat % 100 === 7;
    let toSend = 0;
    timed('see', () => {
      for (let chat = 0; chat < chats; chat++) {
        for (let slot = 0; slot < 2; slot++) {
          const pair = pairOf(chat, slot, slot === 1 && changed(chat));
          if (state.see(pair)?.outcome !== 'applied') toSend++;
        }
      }
    });
    timed('recordNew', () => {
      for (let chat = 0; chat < chats; chat++) {
        if (changed(chat)) state.recordPair({ ...pairOf(chat, 1, true), action: 'add', row: chat + 1, raw: '', outcome: { kind: 'applied', httpStatus: 200 } }, run);
      }
      state.flush();
    });
    figures.toSend = toSend;
    figures.removals = timed('countRemovals', () => state.removalCount(run));
    timed('walkRemovals', () => {
      let n = 0;
      for (const _ of state.removalCandidates(run)) n++;
      return n;
    });
    figures.added = timed('walkAdded', () => {
      let n = 0;
      for (const _ of state.addedPairs()) n++;
      return n;
    });
    figures.counts = timed('counts', () => state.counts());
  }
  state.endRun(run, figures, 0);
  state.close();
  process.stdout.write(JSON.stringify(figures));
} else {
  const pairs = Number(args[0] ?? 2_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'state-scale-'));
  const path = join(dir, 'state.db');
  try {
    for (const night of ['1', '2']) {
      const start = performance.now();
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--night', night, path, String(pairs)], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr);
      const figures = JSON.parse(child.stdout);
      console.log(`night ${night} (${((performance.now() - start) / 1000).toFixed(1)} s in all, state ${(statSync(path).size / 2 ** 20).toFixed(0)} MB):`, JSON.stringify(figures));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
