// A hand-written SVG of the "unknown limit" runs: for each server limit L and Retry-After setting,
// the requests granted (lines) and refused with 429 (bars below the axis) per second, collab-bulk
// under --rate auto in blue, the AWS-style peer in grey, L as a red dashed line.
import { limitMode } from './report.mjs';

const WIDTH = 900;
const PANEL_H = 170;
const LEFT = 50;
const PLOT_W = WIDTH - LEFT - 20;
const esc = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function panel(runs, limit, retryAfter, top) {
  const ours = runs.find((r) => limitMode(r) === 'auto' && r.limit === limit && r.retryAfter === retryAfter);
  const peer = runs.find((r) => r.tool.startsWith('AWS') && r.limit === limit && r.retryAfter === retryAfter);
  const shown = [ours, peer].filter(Boolean);
  const seconds = Math.max(...shown.map((r) => r.granted.length), 1);
  const max = Math.max(limit * 1.3, ...shown.flatMap((r) => r.granted));
  const maxThrottled = Math.max(1, ...shown.flatMap((r) => r.throttledPerSecond));
  const plotH = PANEL_H - 70;
  const axis = top + 30 + plotH;
  const x = (s) => LEFT + (PLOT_W * s) / seconds;
  const y = (v) => axis - (plotH * v) / max;
  const parts = [`<text x="10" y="${top + 18}" font-weight="bold">${esc(`L = ${limit}/s, ${retryAfter ? 'with' : 'without'} Retry-After: granted per second (lines), 429s per second (bars below, up to ${maxThrottled})`)}</text>`];
  parts.push(`<line x1="${LEFT}" x2="${LEFT + PLOT_W}" y1="${axis}" y2="${axis}" stroke="#333"/>`);
  parts.push(`<line x1="${LEFT}" x2="${LEFT + PLOT_W}" y1="${y(limit).toFixed(1)}" y2="${y(limit).toFixed(1)}" stroke="#d22" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${LEFT - 6}" y="${(y(limit) + 4).toFixed(1)}" text-anchor="end" fill="#d22" font-size="11">L</text>`);
  for (let s = 0; s <= seconds; s += 10) parts.push(`<text x="${x(s).toFixed(1)}" y="${axis + 36}" font-size="10" text-anchor="middle">${s} s</text>`);
  shown.forEach((run, i) => {
    const color = run === ours ? '#2f6fd6' : '#8a939c';
    const points = run.granted.map((v, s) => `${x(s + 0.5).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.6" points="${points}"/>`);
    const barW = Math.max(1, PLOT_W / seconds / 2 - 0.5);
    run.throttledPerSecond.forEach((n, s) => {
      if (n > 0) parts.push(`<rect x="${(x(s) + i * barW).toFixed(1)}" y="${axis + 1}" width="${barW.toFixed(1)}" height="${((24 * n) / maxThrottled).toFixed(1)}" fill="${color}"/>`);
    });
    const label = `${run === ours ? (run.tool === 'collab-bulk' ? 'collab-bulk (default flags)' : run.tool) : 'AWS adaptive (got)'}: ${run.shareOfLimit.toFixed(2)} of L, ${(100 * run.throttledShare).toFixed(1)}% 429`;
    parts.push(`<text x="${LEFT + PLOT_W - 4}" y="${top + 34 + 14 * i}" text-anchor="end" fill="${color}" font-size="11">${esc(label)}</text>`);
  });
  return parts.join('\n');
}

export function limitChart(report) {
  const runs = report.results.limit ?? [];
  const cases = [];
  for (const retryAfter of [false, true]) for (const limit of [...new Set(runs.map((r) => r.limit))]) cases.push([limit, retryAfter]);
  const body = cases.map(([limit, retryAfter], i) => panel(runs, limit, retryAfter, 40 + i * PANEL_H));
  const height = 40 + cases.length * PANEL_H;
  const title = `collab-bulk vs AWS SDK adaptive rate limiter against an unknown limit, ${report.meta.date}, ${report.meta.machine}${report.meta.quick ? ' (quick run)' : ''}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="24" font-size="14" font-weight="bold">${esc(title)}</text>
${body.join('\n')}
</svg>
`;
}
