// A hand-written SVG of the results: one panel of horizontal bars per question, ours in blue,
// the alternatives in grey, target lines in red.

const WIDTH = 860;
const LABEL = 250;
const BAR = 18;
const GAP = 6;
const PLOT = WIDTH - LABEL - 110;

const esc = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** panel: { title, bars: [{ label, value, text, ours }], lines?: [{ at, text }], log?: boolean, from?: number } */
function panel(p, top) {
  const max = Math.max(...p.bars.map((b) => b.value), ...(p.lines ?? []).map((l) => l.at)) * 1.05;
  const min = p.log ? Math.min(...p.bars.map((b) => b.value)) / 2 : (p.from ?? 0);
  const x = (v) => LABEL + (p.log ? (PLOT * Math.log(v / min)) / Math.log(max / min) : (PLOT * (v - min)) / (max - min));
  const height = 30 + p.bars.length * (BAR + GAP) + 10;
  const parts = [`<text x="10" y="${top + 18}" font-weight="bold">${esc(p.title)}</text>`];
  p.bars.forEach((b, i) => {
    const y = top + 30 + i * (BAR + GAP);
    const w = Math.max(1, x(Math.max(b.value, min)) - LABEL);
    parts.push(
      `<text x="${LABEL - 8}" y="${y + 13}" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${LABEL}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${b.ours ? '#2f6fd6' : '#9aa3ad'}"/>`,
      `<text x="${(LABEL + w + 6).toFixed(1)}" y="${y + 13}">${esc(b.text)}</text>`,
    );
  });
  (p.lines ?? []).forEach((line, i) => {
    const lx = x(line.at).toFixed(1);
    // Alternate labels above and below, so two close lines stay readable.
    const ly = i % 2 === 0 ? top + 24 : top + height + 4;
    parts.push(
      `<line x1="${lx}" x2="${lx}" y1="${top + 26}" y2="${top + height - 8}" stroke="#d22" stroke-dasharray="4 3"/>`,
      `<text x="${lx}" y="${ly}" fill="#d22" font-size="11" text-anchor="middle">${esc(line.text)}</text>`,
    );
  });
  return { svg: parts.join('\n'), height };
}

export function chart(report) {
  const { results, meta } = report;
  const panels = [];
  if (results.realistic?.length) {
    panels.push({
      title: 'Realistic API (150 +-50 ms, limit 50/s): ms per applied row, log scale (lower is better)',
      log: true,
      bars: results.realistic.map((r) => ({ label: `${r.tool}, ${r.agentsPerChat} agent/chat`, value: r.msPerAppliedRow, text: `${r.msPerAppliedRow.toFixed(1)} ms${r.lost ? `, ${r.lost} rows lost` : ''}`, ours: r.tool === 'collab-bulk' })),
    });
  }
  if (results.unthrottled) {
    const u = results.unthrottled;
    panels.push({
      title: `Unthrottled: requests per second (higher is better)`,
      bars: [u.ours, u.bare, u.newman].filter(Boolean).map((r) => ({ label: `${r.tool} (${r.rows} rows)`, value: r.requestsPerSecond, text: `${r.requestsPerSecond.toFixed(0)}/s`, ours: r.tool.startsWith('collab-bulk') })),
      lines: [{ at: 0.85 * u.bare.requestsPerSecond, text: '0.85 x got' }],
    });
  }
  const rateRuns = (results.rate ?? []).filter((r) => r.tool === 'collab-bulk');
  if (rateRuns.length) {
    panels.push({
      title: 'Rate use: achieved rate and busiest second as a share of --rate (axis from 0.9)',
      from: 0.9,
      bars: rateRuns.flatMap((r) => [
        { label: `R=${r.rate}: achieved`, value: r.achievedRate / r.rate, text: `${(r.achievedRate / r.rate).toFixed(3)} (${r.achievedRate.toFixed(1)}/s)`, ours: true },
        { label: `R=${r.rate}: busiest 1 s`, value: r.busiestSecond / r.rate, text: `${r.busiestSecond} requests`, ours: true },
      ]),
      lines: [{ at: 0.97, text: '0.97' }, { at: 1, text: 'R' }],
    });
  }
  const cpu = (results.rate ?? []).filter((r) => r.rate === 300);
  if (cpu.length) {
    panels.push({
      title: 'CPU seconds per 1,000 rows at 300 requests/s (lower is better)',
      bars: cpu.map((r) => ({ label: r.tool, value: r.cpuPer1000Rows, text: `${r.cpuPer1000Rows.toFixed(3)} s`, ours: r.tool === 'collab-bulk' })),
    });
  }
  if (results.memory?.length) {
    panels.push({
      title: 'Peak RSS of the collab-bulk process, MB (lower is better)',
      bars: results.memory.map((m) => ({ label: `${m.kind}, ${m.rows.toLocaleString('en')} rows${m.agentsPerChat > 1 ? `, ${m.agentsPerChat}/chat` : ''}`, value: m.peakRssMB, text: `${m.peakRssMB.toFixed(0)} MB`, ours: true })),
      lines: [{ at: 200, text: '200 MB' }],
    });
  }
  let top = 40;
  const body = [];
  for (const p of panels) {
    const drawn = panel(p, top);
    body.push(drawn.svg);
    top += drawn.height + 24;
  }
  const title = `collab-bulk benchmark, ${meta.date}, ${meta.machine}${meta.quick ? ' (quick run)' : ''}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="24" font-size="15" font-weight="bold">${esc(title)}</text>
${body.join('\n')}
</svg>
`;
}
