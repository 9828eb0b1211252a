// `collab-bulk plan <file> --state FILE [--mirror]`: what `run --state` would send, without sending:
// parses the flags as run does, calls src/run/plan-job.ts and prints its lines. Exit 0, or 3 when
// the removal guard would hold the removals.
import type { Argv, CommandModule } from 'yargs';
import { formatPlan, planJob } from '../run/plan-job.js';
import { resolveRunOptions } from '../run/options.js';
import { runFlags, runInputFrom } from './run-command.js';

function planFlags<T>(yargs: Argv<T>) {
  return runFlags(yargs).option('online', { type: 'boolean', default: false, describe: 'also read the team directory (GET /team), as run does; no collaborator request' });
}

type PlanArgs = Awaited<ReturnType<ReturnType<typeof planFlags>['parseAsync']>>;

export const planCommand: CommandModule<object, PlanArgs> = {
  command: 'plan <input>',
  describe: 'Say what run --state would do (to add, to retry, unchanged, to remove, invalid) and write plan.csv; sends nothing',
  builder: (yargs) =>
    planFlags(yargs)
      .example('$0 plan export.csv --state crm.sqlite --mirror --out runs/plan', 'what tonight would add and remove, and whether the guard would hold')
      .example('$0 plan export.csv --state crm.sqlite --online', 'also check agents against the team directory') as unknown as Argv<PlanArgs>,
  handler: async (argv) => {
    const input = runInputFrom(argv);
    // Nothing is sent without --online, so no key is needed then.
    const options = resolveRunOptions({ ...input, dryRun: !argv.online });
    const report = await planJob(options, argv.online);
    process.stdout.write(formatPlan(report));
    process.exitCode = report.exitCode;
  },
};
