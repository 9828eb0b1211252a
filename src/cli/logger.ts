// Logs: JSON lines on stderr when it is not a terminal (cron, CI, a pipe) or into --log-file;
// pino-pretty on a terminal, written through TerminalLines so a line never lands inside the
// progress bar. The API key and the Authorization header are redacted by pino wherever they
// appear (options objects, request headers), though nothing logs them on purpose.
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { createRequire } from 'node:module';
import { UsageError } from '../errors.js';
import type { TerminalLines } from './terminal-lines.js';

export const REDACTED = '[redacted]';

export const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
];

export interface LogSetup {
  level: string;
  /** JSON lines go to this file (appended) instead of stderr. */
  logFile?: string;
  /** Where a person reads stderr; pretty lines when it is a terminal. */
  lines: TerminalLines;
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: undefined,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  };
}

export function createLogger(setup: LogSetup): Logger {
  return pino(loggerOptions(setup.level), destination(setup));
}

function destination(setup: LogSetup): DestinationStream {
  if (setup.logFile) return logFile(setup.logFile);
  if (!setup.lines.isTTY) return pino.destination({ fd: 2, sync: true });
  // Loaded only for a terminal: cron and CI runs start without it.
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  const pretty = prettyFactory({
    colorize: setup.lines.stream.hasColors?.() ?? false,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return { write: (line: string) => setup.lines.write(pretty(line)) };
}

function logFile(path: string): DestinationStream {
  try {
    return pino.destination({ dest: path, sync: true, append: true, mkdir: true });
  } catch (error) {
    throw new UsageError(`--log-file ${path} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): choose a file you can write to`);
  }
}
