// Nightly imports with --state: night 1 sends an export of `nightlyRows` rows (2 agents per chat, as
// two adjacent rows); night 2 is the same export with 1% of rows new, 0.5% with a changed agent and
// 0.5% removed, shuffled, run with --mirror; night 3 repeats night 2. Night 2 must send exactly the
// changed chats (adds, plus removes with --mirror) and its time beyond the sends is compared with a
// --dry-run of the same file, side by side; night 3 must send nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCollab } from '../lib/collab.mjs';
import { AGENTS, customer, rowAt, WABA } from '../lib/data.mjs';

export async function nightly({ dir, sandbox, sizes, log }) {
  const rows = sizes.nightlyRows;
  const state = join(dir, 'nightly.sqlite');
  const night1 = writeRows(join(dir, 'nightly-1.csv'), Array.from({ length: rows }, (_, i) => rowAt(i, 2)));
  await sandbox.reset();
  log(`nightly: night 1, ${rows} rows`);
  const first = await runCollab(night1, { baseUrl: sandbox.url, rate: 0, out: join(dir, 'nightly-1-out'), args: ['--state', state] });

  const { lines, changedChats, removedChats } = nightTwo(rows);
  const night2 = writeRows(join(dir, 'nightly-2.csv'), lines);
  const requestsBefore = (await sandbox.state()).requests;
  log(`nightly: night 2 with --mirror (${changedChats} chats with a new pair, ${removedChats} with a pair gone)`);
  const second = await runCollab(night2, { baseUrl: sandbox.url, rate: 0, out: join(dir, 'nightly-2-out'), args: ['--state', state, '--mirror', '--max-removals', '100%'] });
  const night2Requests = (await sandbox.state()).requests - requestsBefore;
  log('nightly: a dry run of the same file, for the time beyond the sends');
  const dry = await runCollab(night2, { dryRun: true, rate: 0, out: join(dir, 'nightly-2-dry-out') });
  const requestsBefore3 = (await sandbox.state()).requests;
  log('nightly: night 3, no change');
  const third = await runCollab(night2, { baseUrl: sandbox.url, rate: 0, out: join(dir, 'nightly-3-out'), args: ['--state', state, '--mirror', '--max-removals', '100%'] });
  const night3Requests = (await sandbox.state()).requests - requestsBefore3;
  const beyondSends = Math.max(0, second.wallS - second.summary.requestsSent / Math.max(first.summary.requestsPerSecond, 1));
  return {
    rows,
    night1: { wallS: first.wallS, requests: first.summary.requestsSent, peakRssMB: first.maxRssMB },
    night2: { wallS: second.wallS, requests: night2Requests, expectedRequests: changedChats + removedChats, unchanged: second.summary.statuses.unchanged, removals: second.summary.removals, peakRssMB: second.maxRssMB, beyondSendsS: round(beyondSends) },
    dryRun: { wallS: dry.wallS },
    beyondSendsVsDryRun: round(beyondSends / Math.max(dry.wallS, 0.001)),
    night3: { wallS: third.wallS, requests: night3Requests },
  };
}

/** Night 2's rows, shuffled: 1% new rows (new chats), 0.5% with another agent, 0.5% left out. */
function nightTwo(rows) {
  const lines = [];
  const changed = new Set();
  const removed = new Set();
  for (let i = 0; i < rows; i++) {
    const [waba, cust, agent] = rowAt(i, 2);
    if (i % 200 === 7) {
      removed.add(cust);
      continue;
    }
    if (i % 200 === 11) {
      const other = AGENTS[(AGENTS.indexOf(agent) + 4) % AGENTS.length];
      changed.add(cust);
      removed.add(cust);
      lines.push([waba, cust, other]);
      continue;
    }
    lines.push([waba, cust, agent]);
  }
  for (let i = 0; i < Math.round(rows / 100); i++) {
    const cust = customer(10_000_000 + i);
    changed.add(cust);
    lines.push([WABA, cust, AGENTS[i % AGENTS.length]]);
  }
  // A fixed shuffle (the same every run), so nights are comparable.
  let seed = 42;
  for (let i = lines.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return { lines, changedChats: changed.size, removedChats: removed.size };
}

function writeRows(path, rows) {
  writeFileSync(path, `customer_phone,agent_phone,waba_number\n${rows.map(([waba, cust, agent]) => `+${cust},+${agent},${waba}`).join('\n')}\n`);
  return path;
}

function round(n) {
  return Math.round(n * 100) / 100;
}
