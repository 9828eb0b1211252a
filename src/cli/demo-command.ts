// `collab-bulk demo` (npm run demo): the real job, end to end, on a fresh machine with no key and
// no network: starts the sandbox on a free loopback port, runs fixtures/sample.csv against it,
// and shows where the outputs went and what the simulated API now holds.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CommandModule } from 'yargs';
import { startSandbox } from '../sandbox/index.js';
import { executeRun } from './run-command.js';

const SAMPLE = fileURLToPath(new URL('../../fixtures/sample.csv', import.meta.url));

interface DemoArgs {
  out?: string;
  rate: number;
}

export const demoCommand: CommandModule<object, DemoArgs> = {
  command: 'demo',
  describe: 'Run fixtures/sample.csv against a sandbox started for it (no key, no network)',
  builder: (yargs) =>
    yargs
      .option('out', { type: 'string', describe: 'output folder [default: runs/sample-<UTC timestamp>/]' })
      .option('rate', { type: 'number', default: 10, describe: 'requests per second' }) as never,
  handler: async (argv) => {
    process.exitCode = await runDemo(argv);
  },
};

export async function runDemo(args: DemoArgs): Promise<number> {
  // A throwaway key: the sandbox and the run share it, and it is never shown.
  const apiKey = randomUUID();
  const sandbox = await startSandbox({ port: 0, apiKey });
  process.stdout.write(`Sandbox DoubleTick API started at ${sandbox.url}; running ${SAMPLE}\n`);
  try {
    const code = await executeRun({ input: SAMPLE, apiKey, baseUrl: sandbox.url, rate: args.rate, out: args.out, logLevel: 'warn' });
    const state = sandbox.state();
    process.stdout.write(`The sandbox now holds ${state.collaborators.length} collaborator pairs after ${state.requests} requests.\n`);
    return code;
  } finally {
    await sandbox.close();
  }
}
