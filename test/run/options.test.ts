import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { autoConcurrency, defaultOutDir, resolveRunOptions, RUN_DEFAULTS, type RunInput } from '../../src/run/options.js';

const NOW = new Date('2025-03-04T05:06:07.089Z');
const NO_ENV = {};

function resolve(given: Partial<RunInput> = {}, env: NodeJS.ProcessEnv = NO_ENV) {
  return resolveRunOptions({ input: 'data/contacts.csv', apiKey: 'key-1', ...given }, env, NOW);
}

function usageError(action: () => unknown): UsageError {
  try {
    action();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('resolveRunOptions defaults', () => {
  it('fills every option left out from the defaults', () => {
    expect(resolve()).toEqual({
      input: 'data/contacts.csv',
      apiKey: 'key-1',
      baseUrl: RUN_DEFAULTS.baseUrl,
      action: 'add',
      columns: { customer: undefined, waba: undefined, agent: undefined },
      waba: undefined,
      defaultCountry: undefined,
      delimiter: undefined,
      encoding: 'utf8',
      rate: RUN_DEFAULTS.maxRate,
      rateAuto: true,
      concurrency: autoConcurrency(RUN_DEFAULTS.maxRate),
      timeoutMs: 30_000,
      maxRetries: 5,
      maxAgentsPerRequest: 20,
      coalesce: true,
      teamCheck: true,
      maxErrorRate: undefined,
      outDir: 'runs/contacts-20250304T050607Z',
      dryRun: false,
      resume: false,
      excel: false,
      progress: true,
      progressIntervalSeconds: 10,
      window: RUN_DEFAULTS.window,
      graceMs: RUN_DEFAULTS.graceMs,
      logLevel: 'info',
      mirror: false,
      maxRemovals: { percent: 5 },
      assign: false,
    });
  });

  it('refuses --mirror without --state, or with --action remove, in one sentence naming the flag', () => {
    expect(() => resolve({ mirror: true })).toThrow(/^--mirror needs --state FILE/);
    expect(() => resolve({ mirror: true, state: 's.db', action: 'remove' })).toThrow(/^--mirror goes with --action add/);
    expect(() => resolve({ state: 's.db', maxRemovals: 'lots' })).toThrow(/^--max-removals must be/);
  });

  it('uses --out when given instead of the default out dir', () => {
    expect(resolve({ out: 'here' }).outDir).toBe('here');
  });

  it('passes the column overrides through', () => {
    expect(resolve({ customerColumn: 'Mobile', wabaColumn: 'From', agentColumn: 'Agents' }).columns).toEqual({
      customer: 'Mobile',
      waba: 'From',
      agent: 'Agents',
    });
  });
});

describe('resolveRunOptions API key and base URL', () => {
  it('reads the key from DOUBLETICK_API_KEY', () => {
    expect(resolve({ apiKey: undefined }, { DOUBLETICK_API_KEY: 'env-key' }).apiKey).toBe('env-key');
  });

  it('prefers --api-key over DOUBLETICK_API_KEY', () => {
    expect(resolve({ apiKey: 'flag-key' }, { DOUBLETICK_API_KEY: 'env-key' }).apiKey).toBe('flag-key');
  });

  it('trims the key', () => {
    expect(resolve({ apiKey: '  key-2 \n' }).apiKey).toBe('key-2');
  });

  it('refuses a run without a key with a UsageError naming both ways to give one', () => {
    expect(usageError(() => resolve({ apiKey: undefined })).message).toBe(
      'no API key: pass --api-key or set DOUBLETICK_API_KEY (or use --dry-run to send nothing)',
    );
  });

  it('refuses a key that is only spaces', () => {
    expect(usageError(() => resolve({ apiKey: '   ' })).code).toBe('usage');
  });

  it('allows a dry run without a key', () => {
    expect(resolve({ apiKey: undefined, dryRun: true }).apiKey).toBe('');
  });

  it('reads the base URL from DOUBLETICK_BASE_URL', () => {
    expect(resolve({}, { DOUBLETICK_BASE_URL: 'http://127.0.0.1:4010' }).baseUrl).toBe('http://127.0.0.1:4010');
  });

  it('prefers --base-url over DOUBLETICK_BASE_URL', () => {
    expect(resolve({ baseUrl: 'https://flag.example' }, { DOUBLETICK_BASE_URL: 'https://env.example' }).baseUrl).toBe('https://flag.example');
  });

  it.each(['ftp://example.com', 'public.doubletick.io', ''])('refuses the base URL %j, naming the flag and the value', (value) => {
    expect(usageError(() => resolve({ baseUrl: value })).message).toBe(
      `--base-url must be an http(s) URL such as https://public.doubletick.io, not "${value}"`,
    );
  });

  it('checks a base URL from the environment too', () => {
    expect(usageError(() => resolve({}, { DOUBLETICK_BASE_URL: 'nope' })).message).toContain('not "nope"');
  });
});

describe('resolveRunOptions flag checks', () => {
  it('accepts remove as the action', () => {
    expect(resolve({ action: 'remove' }).action).toBe('remove');
  });

  it('refuses an unknown action, naming the flag and the value', () => {
    expect(usageError(() => resolve({ action: 'delete' })).message).toBe('--action must be add or remove, not "delete"');
  });

  it('takes --rate auto as adaptive under a ceiling of --max-rate', () => {
    expect(resolve({ rate: 'auto', maxRate: 40 })).toMatchObject({ rate: 40, rateAuto: true });
  });

  it('reads auto in any case and with spaces around it', () => {
    expect(resolve({ rate: ' AUTO ' }).rateAuto).toBe(true);
  });

  it('takes a number given as text as a fixed ceiling', () => {
    expect(resolve({ rate: '25' })).toMatchObject({ rate: 25, rateAuto: false });
  });

  it('ignores --max-rate under an explicit --rate', () => {
    expect(resolve({ rate: 300, maxRate: 100 }).rate).toBe(300);
  });

  it.each(['fast', '', '10/s'])('refuses the rate "%s", saying auto or a number is expected', (rate) => {
    expect(usageError(() => resolve({ rate })).message).toBe(`--rate must be auto or a number of requests per second (0 = no limit), not "${rate}"`);
  });

  it.each([0, -3, Number.NaN])('refuses the max rate %s, naming the flag and the value', (maxRate) => {
    expect(usageError(() => resolve({ maxRate })).message).toBe(`--max-rate must be a number from 1 to 10000, not "${maxRate}"`);
  });

  it('accepts a rate of 0', () => {
    expect(resolve({ rate: 0 }).rate).toBe(0);
  });

  it('accepts a fractional rate', () => {
    expect(resolve({ rate: 0.5 }).rate).toBe(0.5);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses the rate %s, naming the flag and the value', (rate) => {
    expect(usageError(() => resolve({ rate })).message).toBe(`--rate must be a number from 0 to 10000, not "${rate}"`);
  });

  it('uses --concurrency when given', () => {
    expect(resolve({ concurrency: 7 }).concurrency).toBe(7);
  });

  it.each([0, 1.5, 1001])('refuses the concurrency %s, naming the flag and the value', (concurrency) => {
    expect(usageError(() => resolve({ concurrency })).message).toBe(`--concurrency must be a whole number from 1 to 1000, not "${concurrency}"`);
  });

  it('follows the rate with the concurrency when --concurrency is left out', () => {
    expect(resolve({ rate: 100 }).concurrency).toBe(200);
  });

  it('refuses a negative --max-error-rate', () => {
    expect(usageError(() => resolve({ maxErrorRate: -5 })).message).toBe('--max-error-rate must be a number from 0 to 100, not "-5"');
  });

  it('refuses a zero --timeout', () => {
    expect(usageError(() => resolve({ timeout: 0 })).message).toBe('--timeout must be a whole number from 1 to 600000, not "0"');
  });

  it('upper-cases --default-country', () => {
    expect(resolve({ defaultCountry: 'in' }).defaultCountry).toBe('IN');
  });

  it('refuses an unknown country, naming the flag and the value', () => {
    expect(usageError(() => resolve({ defaultCountry: 'XX' })).message).toBe(
      '--default-country must be a two-letter ISO country code such as IN or GB, not "XX"',
    );
  });
});

describe('resolveRunOptions --waba', () => {
  it('normalises a formatted international number to digits', () => {
    expect(resolve({ waba: '+91 98111-00001' }).waba).toBe('919811100001');
  });

  it('reads a national number with --default-country', () => {
    expect(resolve({ waba: '098111 00001', defaultCountry: 'IN' }).waba).toBe('919811100001');
  });

  it('refuses a number that is not one, quoting it', () => {
    expect(usageError(() => resolve({ waba: 'sales line' })).message).toBe('--waba "sales line" has letters in it');
  });
});

describe('autoConcurrency', () => {
  it('keeps the default concurrency for slow rates', () => {
    expect(autoConcurrency(1)).toBe(RUN_DEFAULTS.concurrency);
  });

  it('allows two seconds of the rate in flight', () => {
    expect(autoConcurrency(30)).toBe(60);
  });

  it('rounds up', () => {
    expect(autoConcurrency(20.2)).toBe(41);
  });

  it('caps the concurrency at 256', () => {
    expect(autoConcurrency(1_000)).toBe(256);
  });

  it('uses 16 for an unlimited rate', () => {
    expect(autoConcurrency(0)).toBe(16);
  });
});

describe('defaultOutDir', () => {
  it('names the dir after the input and the UTC time, to the second', () => {
    expect(defaultOutDir('data/contacts.csv', NOW)).toBe('runs/contacts-20250304T050607Z');
  });

  it('strips .csv.gz', () => {
    expect(defaultOutDir('contacts.csv.gz', NOW)).toBe('runs/contacts-20250304T050607Z');
  });

  it('strips the extension whatever its case', () => {
    expect(defaultOutDir('Contacts.CSV', NOW)).toBe('runs/Contacts-20250304T050607Z');
  });

  it('keeps dots inside the name', () => {
    expect(defaultOutDir('march.v2.csv', NOW)).toBe('runs/march.v2-20250304T050607Z');
  });

  it('calls standard input stdin', () => {
    expect(defaultOutDir('-', NOW)).toBe('runs/stdin-20250304T050607Z');
  });

  it('calls a file named only .csv input', () => {
    expect(defaultOutDir('.csv', NOW)).toBe('runs/input-20250304T050607Z');
  });

  it('matches runs/<name>-YYYYMMDDTHHMMSSZ for any instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01Z'), max: new Date('2099-12-31Z'), noInvalidDate: true }), (now) => {
        expect(defaultOutDir('x.csv', now)).toMatch(/^runs\/x-\d{8}T\d{6}Z$/);
      }),
    );
  });
});

describe('resolveRunOptions progress', () => {
  const base = { input: 'a.csv', apiKey: 'k' };

  it('turns progress off with --quiet, whatever --progress says', () => {
    expect(resolveRunOptions({ ...base, quiet: true, progress: true }).progress).toBe(false);
    expect(resolveRunOptions({ ...base, progress: false }).progress).toBe(false);
    expect(resolveRunOptions(base).progress).toBe(true);
  });

  it('refuses a --progress-interval that is not a positive number of seconds', () => {
    expect(() => resolveRunOptions({ ...base, progressInterval: 0 })).toThrow('--progress-interval must be a number at least 0.1, not "0"');
    expect(resolveRunOptions({ ...base, progressInterval: 2.5 }).progressIntervalSeconds).toBe(2.5);
  });
});
