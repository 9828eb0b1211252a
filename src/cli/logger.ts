// Logs go to stderr as JSON lines (data goes to files); the API key is redacted wherever it
// could appear, though nothing logs it on purpose.
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino(
    { level, base: undefined, formatters: { level: (label) => ({ level: label }) }, redact: { paths: ['apiKey', '*.apiKey', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' } },
    pino.destination({ fd: 2, sync: true }),
  );
}
