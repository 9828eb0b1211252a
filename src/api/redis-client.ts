// The ioredis client behind the clustered limiter. It fails commands at once while Redis is away
// (the cluster link pauses sending instead of letting commands pile up), reconnects on its own,
// and hands Bottleneck its scripts' errors in the words Bottleneck 2.19 expects: Redis 7 reports
// a script's error reply as "ERR SETTINGS_KEY_NOT_FOUND", and Bottleneck only rebuilds lost state
// (a restarted, empty Redis) when it reads the bare "SETTINGS_KEY_NOT_FOUND".
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

const BOTTLENECK_ERRORS = /^ERR (SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT|OVERWEIGHT)/;

type Callback = (error: Error | null, reply?: unknown) => void;
type Command = (...args: unknown[]) => unknown;

export function createRedisClient(url: string): Redis {
  const client = new (ioredis().Redis)(url, {
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  });
  const define = client.defineCommand.bind(client);
  // Bottleneck defines its Lua scripts as commands and calls them with a callback last.
  client.defineCommand = (name, definition) => {
    define(name, definition);
    const commands = client as unknown as Record<string, Command>;
    const command = commands[name]!;
    commands[name] = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === 'function') args[args.length - 1] = ((error, reply) => (last as Callback)(error && bare(error), reply)) satisfies Callback;
      return command.apply(client, args);
    };
  };
  return client;
}

/**
 * ioredis, loaded on first use: only a clustered run (--redis-url) needs it, and loading it costs
 * every other start of the CLI a tenth of its start-up time.
 */
export function ioredis(): typeof import('ioredis') {
  return createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
}

function bare(error: Error): Error {
  if (BOTTLENECK_ERRORS.test(error.message)) error.message = error.message.slice('ERR '.length);
  return error;
}
