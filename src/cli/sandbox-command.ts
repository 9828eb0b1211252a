// `collab-bulk sandbox`: runs the simulated DoubleTick API until SIGINT/SIGTERM. Flag checking lives
// in src/sandbox/cli-args.ts; this file wires the logger, stdout's ready line and the signals.
import { pino } from 'pino';
import type { CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { sandboxOptionsFromArgv, SANDBOX_FLAGS } from '../sandbox/cli-args.js';
import { SANDBOX_DEFAULTS, startSandbox } from '../sandbox/index.js';

export const sandboxCommand: CommandModule<{}, any> = {
  command: 'sandbox',
  describe: 'Start a simulated DoubleTick API (collaborators, assignment, chat list, team) to rehearse runs against',
  builder: (yargs) =>
    yargs
      .options(SANDBOX_FLAGS)
      .example('$0 sandbox --port 4010', 'a well-behaved API on http://127.0.0.1:4010 (key: sandbox-key)')
      .example('$0 sandbox --rate-limit 5 --fail-rate 0.1 --reset-rate 0.02', 'an API that throttles, fails and drops connections, to rehearse a run')
      .example('$0 run agents.csv --base-url http://127.0.0.1:4010 --api-key sandbox-key', 'then, in another terminal, run against it'),
  handler: (argv) => runSandbox(argv),
};

export async function runSandbox(argv: Readonly<Record<string, unknown>>): Promise<void> {
  const { sandbox: options, logLevel } = sandboxOptionsFromArgv(argv);
  const logger = pino({ level: logLevel }, pino.destination(2));
  const sandbox = await startSandbox({ ...options, logger }).catch((error: unknown) => {
    throw listenErrorAsUsage(error, argv) ?? error;
  });
  // Scripts and tests wait for exactly this line.
  process.stdout.write(`sandbox listening on ${sandbox.url}\n`);
  logger.info(
    `clients must send Authorization: <key>, the ${options.apiKey === undefined ? 'default sandbox key (see README)' : 'value given to --api-key'}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sandbox.close();
  logger.info('sandbox closed');
}

function listenErrorAsUsage(error: unknown, argv: Readonly<Record<string, unknown>>): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') return undefined;
  return new UsageError(
    `--port ${String(argv['port'] ?? SANDBOX_DEFAULTS.port)} on --host ${String(argv['host'] ?? SANDBOX_DEFAULTS.host)} cannot be used (${code}): pick another port, or 0 for a free one`,
  );
}
