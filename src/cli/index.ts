#!/usr/bin/env node
// Entry point of the `collab-bulk` binary: registers the commands and maps a thrown error to
// an exit code. User errors print one sentence and exit 1; anything else is a bug and prints a stack.
// First, so V8's heap settings are in place before the rest loads.
import './heap-growth.js';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isUserError } from '../errors.js';
import { protectStdinDash } from './input-flags.js';
import { runCommand } from './run-command.js';
import { validateCommand } from './validate-command.js';
import { sandboxCommand } from './sandbox-command.js';
import { demoCommand } from './demo-command.js';
import { mergeCommand } from './merge-command.js';
import { planCommand } from './plan-command.js';
import { chatsCommand } from './chats-command.js';
import { stateCommand } from './state-command.js';
import { rejectRepeatedFlags } from './repeated-flags.js';
import { packageVersion } from './version.js';

export async function main(argv: string[]): Promise<void> {
  rejectRepeatedFlags(argv);
  const cli = yargs(protectStdinDash(argv))
    .scriptName('collab-bulk')
    .command(runCommand)
    .command(validateCommand)
    .command(sandboxCommand)
    .command(demoCommand)
    .command(mergeCommand)
    .command(planCommand)
    .command(chatsCommand)
    .command(stateCommand)
    .demandCommand(1, 'Name a command: run, validate, plan, merge, state, chats, sandbox or demo.')
    .strict()
    .example('$0 demo', 'see a run end to end against a built-in sandbox (no key, no network)')
    .example('$0 run agents.csv --dry-run', 'check a file and write its outputs without sending')
    .example('$0 run agents.csv', 'add collaborators for every row (key in DOUBLETICK_API_KEY)')
    .example('$0 run <out dir>/retry.csv', 'rerun the rows that did not go through')
    .example('$0 chats --assigned-to priya@example.com --out move.csv', "list an agent's chats as a file to reassign them")
    .epilogue("Run 'collab-bulk run --help' for remove, --resume and a nightly cron line.")
    .help()
    .version(packageVersion())
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageErrorFromYargs(message);
    });
  skipEagerHelp(cli);
  await cli.parseAsync();
}

/**
 * yargs renders a command's whole help text before running its handler, in case the handler fails
 * and help is shown then; ours never shows help on a failure (.fail above prints one sentence), and
 * the rendering (cliui, string widths) cost every start of the CLI about a tenth of a second.
 * Angular's CLI does the same (angular/angular-cli#34087). --help renders on its own path.
 */
function skipEagerHelp(cli: object): void {
  const internal = (cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

class UsageErrorFromYargs extends Error {}

main(hideBin(process.argv)).catch((error: unknown) => {
  if (error instanceof UsageErrorFromYargs) {
    process.stderr.write(`collab-bulk: ${error.message}\nRun 'collab-bulk --help' for usage.\n`);
    process.exitCode = 1;
  } else if (isUserError(error)) {
    process.stderr.write(`collab-bulk: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`collab-bulk: unexpected error (a bug, please report it):\n${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70;
  }
});
