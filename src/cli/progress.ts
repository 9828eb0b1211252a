// Shows a run's progress while it goes: a redrawn line on a terminal, and for cron and CI (no
// terminal) a log line every 10 seconds, so an unattended run's log still shows it moving.
import type { Logger } from 'pino';
import type { RowResult, RowStatus } from '../rows/row-result.js';

export interface Progress {
  row(result: RowResult): void;
  stop(): void;
}

const TTY_EVERY_MS = 250;
const LOG_EVERY_MS = 10_000;

export function startProgress(enabled: boolean, logger: Logger, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled) return { row() {}, stop() {} };
  const started = Date.now();
  const counts: Partial<Record<RowStatus, number>> = {};
  let rows = 0;
  let drawn = false;
  const rate = (): number => Math.round((rows / Math.max((Date.now() - started) / 1000, 0.001)) * 10) / 10;
  const draw = stream.isTTY
    ? (): void => {
        const parts = Object.entries(counts).map(([status, n]) => `${status} ${n}`);
        stream.write(`\r\x1b[2K${rows} rows, ${rate()}/s  ${parts.join('  ')}`);
        drawn = true;
      }
    : (): void => logger.info({ rows, rowsPerSecond: rate(), statuses: counts }, 'progress');
  const timer = setInterval(draw, stream.isTTY ? TTY_EVERY_MS : LOG_EVERY_MS);
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
