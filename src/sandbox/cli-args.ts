// Turns `collab-bulk sandbox` flags into SandboxOptions. Flags are read as strings so a refusal can
// quote exactly what was typed; the limits are the same ones startSandbox applies to its options.
import type { Options } from 'yargs';
import { UsageError } from '../errors.js';
import { checkApiKey, checkNumber, SANDBOX_DEFAULTS, type NumberOption, type SandboxOptions } from './options.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** The flag names are a contract with scripts and the README: keep them exactly. */
export const SANDBOX_FLAGS = {
  port: { type: 'string', requiresArg: true, describe: `Port to listen on; 0 picks a free one (default ${SANDBOX_DEFAULTS.port})` },
  host: { type: 'string', requiresArg: true, describe: `Address to listen on (default ${SANDBOX_DEFAULTS.host})` },
  'api-key': { type: 'string', requiresArg: true, describe: 'The key clients must send as Authorization (default: the built-in sandbox key)' },
  org: { type: 'string', requiresArg: true, describe: 'Organisation JSON: WABA numbers, team members, chats with their assignees and collaborators (default fixtures/org.json)' },
  'rate-limit': { type: 'string', requiresArg: true, describe: 'Requests per second allowed per key; 0 = no limit (default 0)' },
  burst: { type: 'string', requiresArg: true, describe: 'Token bucket size (default max(1, rate limit))' },
  'retry-after': { type: 'string', requiresArg: true, describe: 'Seconds sent in a Retry-After header with each 429 (default: no header, as the reference documents none)' },
  'fail-rate': { type: 'string', requiresArg: true, describe: 'Share 0..1 of requests answered 500/502/503 (default 0)' },
  'reset-rate': { type: 'string', requiresArg: true, describe: 'Share 0..1 of requests whose connection is dropped unanswered (default 0)' },
  'latency-ms': { type: 'string', requiresArg: true, describe: 'Delay added to every API answer, in ms (default 0)' },
  'jitter-ms': { type: 'string', requiresArg: true, describe: 'Uniform +- spread around the latency, in ms (default 0)' },
  seed: { type: 'string', requiresArg: true, describe: `Seed of the fault dice; same seed, same faults (default ${SANDBOX_DEFAULTS.seed})` },
  'log-level': { type: 'string', requiresArg: true, describe: `${LOG_LEVELS.join(', ')}; info logs one line per request (default ${DEFAULT_LOG_LEVEL})` },
} satisfies Record<string, Options>;

const NUMBER_FLAGS: Record<string, NumberOption> = {
  port: 'port',
  'rate-limit': 'rateLimit',
  burst: 'burst',
  'retry-after': 'retryAfter',
  'fail-rate': 'failRate',
  'reset-rate': 'resetRate',
  'latency-ms': 'latencyMs',
  'jitter-ms': 'jitterMs',
  seed: 'seed',
};

export interface SandboxCommandOptions {
  readonly sandbox: Readonly<Omit<SandboxOptions, 'logger'>>;
  readonly logLevel: LogLevel;
}

export function sandboxOptionsFromArgv(argv: Readonly<Record<string, unknown>>): SandboxCommandOptions {
  const sandbox: Omit<SandboxOptions, 'logger'> = {};
  for (const [flag, option] of Object.entries(NUMBER_FLAGS)) {
    const raw = argv[flag];
    if (raw === undefined) continue;
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    const problem = checkNumber(option, value, `--${flag}`, raw);
    if (problem) throw new UsageError(problem);
    sandbox[option] = value as number;
  }
  const host = argv['host'];
  if (host !== undefined) {
    if (typeof host !== 'string' || host.trim() === '') {
      throw new UsageError(`--host must be an address such as 127.0.0.1, received ${JSON.stringify(host)}`);
    }
    sandbox.host = host;
  }
  const apiKey = argv['api-key'];
  if (apiKey !== undefined) {
    // The message must not echo the key back.
    if (checkApiKey(apiKey)) throw new UsageError('--api-key must be a non-empty string without surrounding spaces or line breaks');
    sandbox.apiKey = apiKey as string;
  }
  const org = argv['org'];
  if (org !== undefined) {
    if (typeof org !== 'string' || org === '') throw new UsageError(`--org must be the path of a JSON file, received ${JSON.stringify(org)}`);
    sandbox.org = org;
  }
  const logLevel = argv['log-level'] ?? DEFAULT_LOG_LEVEL;
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, received ${JSON.stringify(logLevel)}`);
  }
  return { sandbox, logLevel: logLevel as LogLevel };
}
