// `collab-bulk demo` (npm run demo): the real job, end to end, on a fresh machine with no key and
// no network: starts the sandbox on a free loopback port, runs fixtures/sample.csv against it,
// and shows the progress bar, the summary, where report.html is and what the simulated API now holds.
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
      .option('rate', { type: 'number', default: 8, describe: 'requests per second (the demo sandbox allows 4, so some 429s show)' })
      .example('$0 demo', 'start a sandbox, run fixtures/sample.csv against it, print the summary and where report.html is')
      .example('npm run demo', 'the same, from a clone') as never,
  handler: async (argv) => {
    process.exitCode = await runDemo(argv);
  },
};

export async function runDemo(args: DemoArgs): Promise<number> {
  // A throwaway key: the sandbox and the run share it, and it is never shown.
  const apiKey = randomUUID();
  // A sandbox that throttles below the demo's rate and fails a few requests, so the bar shows a
  // pause, the summary shows retries, and the sample's bad rows show what a failure looks like.
  const sandbox = await startSandbox({ port: 0, apiKey, rateLimit: 4, burst: 2, failRate: 0.15, seed: 7 });
  process.stdout.write(`Sandbox DoubleTick API started at ${sandbox.url}; running ${SAMPLE}\n`);
  try {
    const code = await executeRun({ input: SAMPLE, apiKey, baseUrl: sandbox.url, rate: args.rate, out: args.out, logLevel: 'warn' });
    const state = sandbox.state();
    process.stdout.write(`The sandbox now holds ${state.collaborators.length} collaborator pairs after ${state.requests} requests.\n`);
    // The sample holds an unknown agent, a bad number and a duplicate on purpose: exit 2 is the demo working.
    if (code === 2) process.stdout.write('Some rows did not go through, as the sample intends: open report.html above, or results.csv, to see why.\n');
    return code === 2 ? 0 : code;
  } finally {
    await sandbox.close();
  }
}
