// A one-line progress display on stderr while a run goes: rows written and their statuses.
// Only on a terminal; cron logs get the summary instead.
import type { RowResult, RowStatus } from '../rows/row-result.js';

export interface Progress {
  row(result: RowResult): void;
  stop(): void;
}

const EVERY_MS = 250;

export function startProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return { row() {}, stop() {} };
  const started = Date.now();
  const counts: Partial<Record<RowStatus, number>> = {};
  let rows = 0;
  let drawn = false;
  const draw = (): void => {
    const seconds = (Date.now() - started) / 1000;
    const parts = Object.entries(counts).map(([status, n]) => `${status} ${n}`);
    stream.write(`\r\x1b[2K${rows} rows, ${(rows / Math.max(seconds, 0.001)).toFixed(1)}/s  ${parts.join('  ')}`);
    drawn = true;
  };
  const timer = setInterval(draw, EVERY_MS);
  timer.unref();
  return {
    row(result) {
      rows++;
      counts[result.status] = (counts[result.status] ?? 0) + 1;
    },
    stop() {
      clearInterval(timer);
      if (drawn) {
        draw();
        stream.write('\n');
        drawn = false;
      }
    },
  };
}
