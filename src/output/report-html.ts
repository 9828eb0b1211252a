// report.html: one self-contained page about a run for the person who reads it the morning after:
// the headline numbers, a chart of requests per second and 429s over the run (uPlot, inlined from
// node_modules, so the page opens with no network), the breakdown by status and error code, the
// column mapping used, and the first rows that did not go through with their reasons. The page is
// built as a string from the run's summary and record: pure apart from reading uPlot's files.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { outPath } from './run-dir.js';
import type { RunRecord } from './run-record.js';
import type { Summary } from './summary.js';

export interface ReportInput {
  summary: Summary;
  record: RunRecord;
}

const require = createRequire(import.meta.url);
let assets: { js: string; css: string } | undefined;

/** uPlot's script and style, read once from the installed package. */
function uplotAssets(): { js: string; css: string } {
  assets ??= {
    js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  };
  return assets;
}

/** Writes report.html into the out dir and returns its path. */
export async function writeReport(input: ReportInput): Promise<string> {
  const path = outPath(input.summary.outDir, 'report');
  await writeFile(path, renderReport(input));
  return path;
}

export function renderReport({ summary, record }: ReportInput): string {
  const { js, css } = uplotAssets();
  const series = record.activity.seconds;
  const chart = { seconds: series.map((s) => s.second), requests: series.map((s) => s.requests), throttled: series.map((s) => s.throttled), errors: series.map((s) => s.errors) };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>collab-bulk run: ${escape(summary.input)}</title>
<style>${css}
${STYLE}</style>
</head>
<body>
<header>
<h1>collab-bulk ${escape(summary.action)}${summary.dryRun ? ' (dry run)' : ''}: ${escape(summary.input)}</h1>
<p class="meta">${escape(summary.startedAt)} to ${escape(summary.finishedAt)} · out dir ${escape(summary.outDir)} · exit code <b data-field="exitCode">${summary.exitCode}</b>${stopLine(summary)}</p>
</header>
<section class="headline">
${tile('rows', 'rows', summary.rows)}
${tile('succeeded', 'succeeded', summary.statuses.succeeded)}
${tile('failed', 'failed', summary.statuses.failed + summary.statuses.partial)}
${tile('invalid', 'invalid', summary.statuses.invalid)}
${tile('requests', 'requests sent', summary.requestsSent)}
${tile('rateLimited', '429s', summary.rateLimited)}
${tile('requestsPerSecond', 'requests/s achieved', summary.requestsPerSecond)}
${tile('durationSeconds', 'seconds', summary.durationSeconds)}
</section>
<section><h2>Requests per second and 429s over the run</h2><div id="chart"></div>${series.length === 0 ? '<p class="none">No request was sent.</p>' : ''}</section>
<section class="two">
<div><h2>Rows by status</h2>${table(['status', 'rows'], Object.entries(summary.statuses).map(([status, n]) => [status, `<span data-status="${escape(status)}">${n}</span>`]))}</div>
<div><h2>Rows by error code</h2>${codeTable(summary)}</div>
</section>
<section><h2>Column mapping</h2>${mapping(summary)}</section>
<section><h2>First rows that did not go through</h2>${failedRows(record)}</section>
<script>${js.replace(/<\/script/gi, '<\\/script')}</script>
<script type="application/json" id="series">${JSON.stringify(chart).replace(/</g, '\\u003c')}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}

function tile(field: string, label: string, value: number): string {
  return `<div class="tile"><div class="n" data-field="${field}">${value}</div><div class="l">${escape(label)}</div></div>`;
}

function stopLine(summary: Summary): string {
  if (!summary.stoppedBecause) return '';
  return ` · <b class="bad">stopped: ${escape(summary.stopMessage ?? summary.stoppedBecause)}</b>`;
}

function codeTable(summary: Summary): string {
  const rows = Object.entries(summary.errorCodes).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return '<p class="none">No row has an error code.</p>';
  return table(['error code', 'rows'], rows.map(([code, n]) => [escape(code), `<span data-code="${escape(code)}">${n}</span>`]));
}

function mapping(summary: Summary): string {
  const columns = summary.columns;
  if (!columns) return '<p class="none">Not recorded for this run.</p>';
  const cell = (c: { header: string; column: number } | null): string => (c ? `"${escape(c.header)}" (column ${c.column})` : '—');
  const rows = [
    ['customer phone', cell(columns.customer)],
    ['agent', cell(columns.agent)],
    ['WABA number', columns.waba ? cell(columns.waba) + (columns.wabaFlag ? ', empty cells from --waba' : '') : columns.wabaFlag ? 'every row from --waba' : '—'],
  ];
  return `<p><code data-field="mapping">${escape(columns.line)}</code></p>${table(['role', 'column used'], rows)}`;
}

function failedRows(record: RunRecord): string {
  if (record.firstFailed.length === 0) return '<p class="none">Every row went through.</p>';
  const rows = record.firstFailed.map((r) => [String(r.row), escape(r.status), escape(r.errorCode ?? ''), escape(r.errorMessage ?? '')]);
  return table(['row', 'status', 'error code', 'reason'], rows, 'failed');
}

/** Cells are HTML already (escaped by the caller). */
function table(head: string[], rows: string[][], id = ''): string {
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${id ? ` id="${id}"` : ''}><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1000px;padding:0 16px;color:#1d2733}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:24px 0 8px}
.meta{color:#5b6b7c;margin:0}.bad{color:#b42318}
.headline{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin-top:16px}
.tile{background:#f3f6f9;border-radius:8px;padding:10px 12px}.tile .n{font-size:24px;font-weight:600}.tile .l{color:#5b6b7c}
.two{display:grid;grid-template-columns:1fr 1fr;gap:24px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e8ee;vertical-align:top}
th{color:#5b6b7c;font-weight:600}.none{color:#5b6b7c}code{background:#f3f6f9;padding:2px 4px;border-radius:4px}
`;

// Draws the chart from the JSON above; the page has no other script and fetches nothing.
const CHART_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('series').textContent);
  if (data.seconds.length === 0) return;
  var el = document.getElementById('chart');
  var opts = {
    width: Math.min(960, el.clientWidth || 960), height: 260,
    scales: { x: { time: false } },
    axes: [{ label: 'seconds into the run' }, { label: 'per second' }],
    series: [
      { label: 'second' },
      { label: 'requests/s', stroke: '#2563eb', width: 2 },
      { label: '429s', stroke: '#dc2626', width: 2 },
      { label: 'other errors', stroke: '#d97706', width: 1 }
    ]
  };
  new uPlot(opts, [data.seconds, data.requests, data.throttled, data.errors], el);
})();
`;
