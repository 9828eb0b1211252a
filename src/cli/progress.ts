// Shows a run's progress while it goes. On a terminal: a live cli-progress bar (rows settled of
// the total, counts, retries waiting, rate and limit, ETA, and a pause with its reason), fitted to
// the terminal's width and redrawn when it is resized (progress-line.ts), with log lines printed
// above it. Off a terminal (cron, CI, a pipe): no bar, one log line with the same
// figures every --progress-interval seconds, so an unattended run's log still shows it moving.
import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import type { RunRecord } from '../output/run-record.js';
import { currentPause, recentRate } from '../run/activity.js';
import { computeFigures, formatFigures, type LiveRun, type ProgressFigures } from '../run/progress-figures.js';
import { progressLine } from './progress-line.js';
import type { TerminalLines } from './terminal-lines.js';

export interface Progress {
  /** The run started: from now on its figures can be polled. */
  start(live: LiveRun): void;
  /** Draws the last figures and takes the bar down (idempotent). */
  stop(): void;
}

export interface ProgressSetup {
  enabled: boolean;
  intervalSeconds: number;
  logger: Logger;
  lines: TerminalLines;
  record: RunRecord;
  /** A bar when stderr is a terminal; log lines elsewhere. */
  bar: boolean;
  /** --rate, to show when the limit was lowered after 429s. */
  rateCeiling: number;
}

const BAR_FPS = 4;

export function createProgress(setup: ProgressSetup): Progress {
  if (!setup.enabled) return { start() {}, stop() {} };
  return setup.bar ? terminalBar(setup) : logLines(setup);
}

function figuresNow(record: RunRecord, live: LiveRun, rateCeiling: number): ProgressFigures {
  const now = Date.now();
  return computeFigures({
    live,
    settled: record.settled,
    requestsPerSecond: recentRate(record.activity, now),
    pause: currentPause(record.activity, now, live.retriesWaiting),
    elapsedSeconds: (now - record.activity.startedAt) / 1000,
    rateCeiling,
  });
}

function logLines({ intervalSeconds, logger, record, rateCeiling }: ProgressSetup): Progress {
  let timer: NodeJS.Timeout | undefined;
  return {
    start(live) {
      const line = (): void => {
        const figures = figuresNow(record, live, rateCeiling);
        logger.info({ progress: figures }, `progress: ${formatFigures(figures)}`);
      };
      timer = setInterval(line, intervalSeconds * 1000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

function terminalBar({ lines, record, rateCeiling }: ProgressSetup): Progress {
  let multibar: cliProgress.MultiBar | undefined;
  let restore: (() => void) | undefined;
  let unResize: (() => void) | undefined;
  let refresh: NodeJS.Timeout | undefined;
  let draw: (() => void) | undefined;
  return {
    start(live) {
      multibar = new cliProgress.MultiBar({
        stream: lines.stream,
        fps: BAR_FPS,
        hideCursor: true,
        clearOnComplete: false,
        gracefulExit: false,
        // The whole line, bar included, is laid out for the width the terminal has at this draw.
        format: (_options, _params, payload: { line?: string }) => payload.line ?? '',
      });
      const bar = multibar.create(1, 0, { line: 'starting' });
      draw = (): void => {
        const figures = figuresNow(record, live, rateCeiling);
        bar.setTotal(Math.max(1, figures.total ?? 1));
        bar.update(figures.done, { line: progressLine(figures, lines.columns) });
      };
      const target = multibar;
      restore = lines.divert((text) => target.log(text));
      // The figures change without the bar being told (time passes, pauses start), so redraw on a clock.
      refresh = setInterval(draw, 1000 / BAR_FPS);
      refresh.unref();
      unResize = lines.onResize(draw);
      draw();
    },
    stop() {
      if (!multibar) return;
      clearInterval(refresh);
      unResize?.();
      draw?.();
      // Flush log lines still buffered above the bar, then leave the final bar on its own line.
      multibar.update();
      multibar.stop();
      restore?.();
      multibar = undefined;
    },
  };
}
