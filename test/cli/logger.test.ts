// Redaction is declared once in the logger's options: these log at debug level into memory, the
// way a careless future log line might, and read the JSON back.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/cli/logger.js';

const KEY = 'sk-live-0f9e8d7c6b5a';

function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  let text = '';
  const sink = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) });
  const logger = pino(loggerOptions('debug'), sink);
  return { logger, text: () => text, lines: () => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the logger', () => {
  it('redacts the API key in the run options logged at debug level', () => {
    const { logger, lines, text } = capture();
    logger.debug({ options: { input: 'a.csv', apiKey: KEY } }, 'run options');
    expect(text()).not.toContain(KEY);
    expect(lines()[0]).toMatchObject({ level: 'debug', options: { input: 'a.csv', apiKey: '[redacted]' } });
  });

  it('redacts the Authorization header however it is spelled', () => {
    const { logger, lines, text } = capture();
    logger.debug({ request: { headers: { authorization: KEY, 'content-type': 'application/json' } } }, 'request');
    logger.debug({ headers: { Authorization: KEY } }, 'request');
    logger.debug({ apiKey: KEY, authorization: KEY }, 'flat');
    expect(text()).not.toContain(KEY);
    const [first, second, third] = lines();
    expect(first).toMatchObject({ request: { headers: { authorization: '[redacted]', 'content-type': 'application/json' } } });
    expect(second).toMatchObject({ headers: { Authorization: '[redacted]' } });
    expect(third).toMatchObject({ apiKey: '[redacted]', authorization: '[redacted]' });
  });
});
