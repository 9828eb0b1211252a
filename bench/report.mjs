// Turns the measured runs into targets (PASS/FAIL with the margin) and a plain-text table.

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));

/** A target: `value` must be <= (or >=) `limit`; margin is how far inside (+) or outside (-) it is. */
function target(name, value, op, limit, unit = '') {
  const pass = op === '<=' ? value <= limit : op === '<' ? value < limit : op === '>' ? value > limit : value >= limit;
  const margin = op === '>=' || op === '>' ? (value - limit) / limit : (limit - value) / limit;
  return { name, value, op, limit, unit, pass, margin };
}

export function evaluate(results) {
  const targets = [];
  const { realistic = [], rate = [], unthrottled, memory = [], limit = [], nightly } = results;
  if (nightly) {
    const label = `nightly ${nightly.rows} rows`;
    targets.push(target(`${label}: night 2 requests / changed chats`, nightly.night2.requests / Math.max(1, nightly.night2.expectedRequests), '<=', 1, 'x'));
    targets.push(target(`${label}: night 2 time beyond the sends / dry run`, nightly.beyondSendsVsDryRun, '<=', 1.25, 'x'));
    targets.push(target(`${label}: night 3 requests (none)`, nightly.night3.requests, '<', 1, 'req'));
  }
  for (const per of [1, 3]) {
    const ours = realistic.find((r) => r.tool === 'collab-bulk' && r.agentsPerChat === per);
    const newman = realistic.find((r) => r.tool === 'newman' && r.agentsPerChat === per);
    if (!ours) continue;
    const label = `realistic ${ours.rows} rows, ${per} agent${per > 1 ? 's' : ''}/chat`;
    targets.push(target(`${label}: rows applied`, ours.applied, '>=', ours.rows, 'rows'));
    targets.push(target(`${label}: 429s / requests`, ours.throttled / Math.max(1, ours.requests), '<=', 0.01));
    targets.push(target(`${label}: wall time`, ours.wallS, '<=', (1.03 * ours.rows) / 50 + 2, 's'));
    if (newman) targets.push(target(`${label}: time per applied row, newman / ours`, newman.msPerAppliedRow / ours.msPerAppliedRow, '>=', per === 1 ? 7 : 20, 'x'));
    if (per === 3) targets.push(target(`${label}: requests / rows (coalescing)`, ours.requests / ours.rows, '<=', 0.34));
    if (per === 1) targets.push(target('rate use R=50 at 150+-50 ms answers: achieved / R', ours.achievedRate / 50, '>=', 0.97));
  }
  for (const r of rate.filter((run) => run.tool === 'collab-bulk')) {
    targets.push(target(`rate use R=${r.rate}: achieved / R`, r.achievedRate / r.rate, '>=', 0.97));
    targets.push(target(`rate use R=${r.rate}: busiest 1-s window (sandbox)`, r.busiestSecond, '<=', r.rate, 'req'));
  }
  const ours300 = rate.find((r) => r.tool === 'collab-bulk' && r.rate === 300);
  const bare300 = rate.find((r) => r.tool === 'bare node:http');
  if (ours300 && bare300) targets.push(target('CPU per 1,000 rows at --rate 300, ours / bare node:http', ours300.cpuPer1000Rows / bare300.cpuPer1000Rows, '<=', 4, 'x'));
  if (unthrottled) {
    const { ours, bare, newman } = unthrottled;
    targets.push(target(`unthrottled ${ours.rows} rows: ours / bare got (req/s)`, ours.requestsPerSecond / bare.requestsPerSecond, '>=', 0.85, 'x'));
    if (newman) targets.push(target(`unthrottled: ours / newman (rows/s, newman on ${newman.rows} rows)`, ours.requestsPerSecond / newman.requestsPerSecond, '>=', 20, 'x'));
  }
  for (const r of limit.filter((run) => run.tool.startsWith('collab-bulk'))) {
    const label = `unknown limit L=${r.limit} ${r.retryAfter ? 'with' : 'without'} Retry-After, ${r.tool === 'collab-bulk' ? 'default flags' : r.tool.slice('collab-bulk '.length)}`;
    // Issue 20: an explicit --rate 4L must use 0.92 of L with at most 2% refused; --rate auto, 0.9 and 3%.
    const explicit = limitMode(r) === '4l';
    targets.push(target(`${label}: applied/s / L`, r.shareOfLimit, '>=', explicit ? 0.92 : 0.9));
    targets.push(target(`${label}: 429s / requests`, r.throttledShare, '<=', explicit ? 0.02 : 0.03));
    targets.push(target(`${label}: seconds to steady state`, r.steadyAfterS ?? Infinity, '<=', 10, 's'));
  }
  for (const peer of limit.filter((run) => run.tool.startsWith('AWS'))) {
    const ours = limit.find((run) => limitMode(run) === 'auto' && run.limit === peer.limit && run.retryAfter === peer.retryAfter);
    if (ours) targets.push(target(`unknown limit L=${peer.limit} ${peer.retryAfter ? 'with' : 'without'} Retry-After: share of L, ours (${ours.tool === 'collab-bulk' ? 'default' : ours.tool.slice('collab-bulk '.length)}) / AWS adaptive`, ours.shareOfLimit / peer.shareOfLimit, '>', 1, 'x'));
  }
  for (const kind of ['dry run', 'real run']) {
    const runs = memory.filter((m) => m.kind === kind).sort((a, b) => a.rows - b.rows);
    if (runs.length < 2) continue;
    const [small, large] = [runs[0], runs.at(-1)];
    targets.push(target(`peak RSS ${kind}, ${large.rows.toLocaleString('en')} rows`, large.peakRssMB, '<', 150, 'MB'));
    targets.push(target(`peak RSS ${kind}: ${large.rows.toLocaleString('en')} / ${small.rows.toLocaleString('en')} rows`, large.peakRssMB / small.peakRssMB, '<=', 1.5, 'x'));
  }
  for (const run of memory.filter((m) => m.kind === 'real run, --state')) targets.push(target(`peak RSS real run with --state, ${run.rows.toLocaleString('en')} rows`, run.peakRssMB, '<', 150, 'MB'));
  return targets;
}

export function table(results, targets) {
  const lines = [];
  const row = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  const section = (title, header, rows) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    lines.push('', title, row(header, widths), row(widths.map((w) => '-'.repeat(w)), widths), ...rows.map((r) => row(r, widths)));
  };
  if (results.realistic?.length) {
    section('Realistic API (150 +-50 ms answers, server limit 50 req/s); ms/applied row: wall time, newman: its run time', ['agents/chat', 'tool', 'rows', 'wall s', 'applied', 'lost', 'requests', '429s', 'ms/applied row', 'vs ours'],
      results.realistic.map((r) => {
        const ours = results.realistic.find((o) => o.tool === 'collab-bulk' && o.agentsPerChat === r.agentsPerChat);
        return [r.agentsPerChat, r.tool, r.rows, fmt(r.wallS, 1), r.applied, r.lost, r.requests, r.throttled, fmt(r.msPerAppliedRow, 1), `${fmt(r.msPerAppliedRow / ours.msPerAppliedRow, 1)}x`];
      }));
  }
  if (results.rate?.length) {
    section('Rate use (sandbox answers at once, no server limit)', ['tool', '--rate', 'rows', 'achieved req/s', 'achieved/R', 'busiest 1 s', 'wall s', 'CPU s', 'CPU s/1k rows'],
      results.rate.map((r) => [r.tool, r.rate, r.rows, fmt(r.achievedRate, 1), fmt(r.achievedRate / r.rate, 3), r.busiestSecond, fmt(r.wallS, 1), fmt(r.cpuS), fmt(r.cpuPer1000Rows, 3)]));
  }
  if (results.unthrottled) {
    const u = results.unthrottled;
    section('Unthrottled (sandbox answers at once, no server limit)', ['tool', 'rows', 'req/s', 'vs ours', 'wall s', 'CPU s', 'CPU ms/row'],
      [u.ours, u.bare, u.newman].filter(Boolean).map((r) => [r.tool, r.rows, fmt(r.requestsPerSecond, 0), `${fmt(u.ours.requestsPerSecond / r.requestsPerSecond, 2)}x`, fmt(r.wallS, 1), fmt(r.cpuS), fmt((1000 * r.cpuS) / r.rows, 3)]));
  }
  if (results.limit?.length) {
    section('Unknown limit (token bucket of L/s, 150 +-50 ms answers): share of L = applied rows/s from first to last request / L', ['L', 'Retry-After', 'tool', 'rows', 'share of L', 'by wall time', 'requests', '429s', '429 share', 'steady after s', 'max in flight', 'wall s'],
      results.limit.map((r) => [r.limit, r.retryAfter ? 'yes' : 'no', r.tool, r.rows, fmt(r.shareOfLimit, 3), fmt(r.shareOfLimitWall, 3), r.requests, r.throttled, `${fmt(100 * r.throttledShare, 1)}%`, r.steadyAfterS ?? 'never', r.maxInFlight, fmt(r.wallS, 1)]));
  }
  if (results.memory?.length) {
    section('Memory (peak RSS of the collab-bulk process)', ['run', 'rows', 'agents/chat', 'peak RSS MB', 'wall s', 'CPU s', 'requests', 'applied'],
      results.memory.map((m) => [m.kind, m.rows.toLocaleString('en'), m.agentsPerChat ?? '-', fmt(m.peakRssMB, 1), fmt(m.wallS, 1), fmt(m.cpuS, 1), m.requests ?? '-', m.applied ?? '-']));
  }
  lines.push('', 'Targets');
  for (const t of targets) {
    const value = t.unit === 'x' || t.limit < 2 ? fmt(t.value, 3) : fmt(t.value, 1);
    lines.push(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${value}${t.unit === 'x' ? 'x' : t.unit ? ` ${t.unit}` : ''} (target ${t.op} ${t.limit}${t.unit === 'x' ? 'x' : t.unit ? ` ${t.unit}` : ''}; margin ${t.margin >= 0 ? '+' : ''}${(100 * t.margin).toFixed(1)}%)`);
  }
  return lines.join('\n');
}

/** auto, 4l or aws: runs recorded before `mode` was kept are told apart by their tool's name. */
export function limitMode(run) {
  if (run.mode) return run.mode;
  if (run.tool.startsWith('AWS')) return 'aws';
  return run.tool.startsWith('collab-bulk --rate') ? '4l' : 'auto';
}
