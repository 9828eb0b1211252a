// `collab-bulk state FILE [--pair <waba>,<customer>,<agent>]`: what a nightly state holds, readable
// without SQL. Opens the state read-only (no lock: it may be read while a run writes).
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import type { Pair } from '../rows/pair.js';
import { normalisePhone } from '../rows/phone.js';
import { country } from '../run/options.js';
import { formatStateReport } from '../state/state-report.js';
import { openState } from '../state/store.js';

interface StateArgs {
  file: string;
  pair?: string;
  defaultCountry?: string;
  runs: number;
}

export const stateCommand: CommandModule<object, StateArgs> = {
  command: 'state <file>',
  describe: 'Show what a --state file holds: pairs applied, failed and removed, the last runs, one pair\'s history',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'the state file a run wrote with --state' })
      .option('pair', { type: 'string', requiresArg: true, describe: "one pair's history: <waba>,<customer>,<agent> (any phone format)" })
      .option('default-country', { type: 'string', requiresArg: true, describe: 'ISO country (e.g. IN) for --pair numbers written without a country code' })
      .option('runs', { type: 'number', default: 10, requiresArg: true, describe: 'how many of the last runs to list' })
      .example('$0 state nightly.db', 'what the nightly state holds and its last runs')
      .example('$0 state nightly.db --pair "+971 50 000 0000,+91 98765 43210,+44 7700 900123"', 'what happened to one pair, run by run') as unknown as Argv<StateArgs>,
  handler: (argv) => {
    process.stdout.write(showState(String(argv.file), argv.pair, argv.defaultCountry, argv.runs));
  },
};

/** The command's output for one state file; throws a one-sentence UsageError for a bad file or --pair. */
export function showState(path: string, pairText: string | undefined, defaultCountry: string | undefined, runs = 10): string {
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs expects a whole number of runs from 1 up, but got "${runs}"`);
  const pair = pairText === undefined ? undefined : parsePair(pairText, defaultCountry);
  const state = openState(path, { mode: 'read', label: `state file ${path}` });
  try {
    return formatStateReport({
      path,
      shard: state.shard,
      counts: state.counts(),
      runs: state.runs(runs),
      ...(pair === undefined ? {} : { pair: { pair, events: state.history(pair) } }),
    });
  } finally {
    state.close();
  }
}

const PAIR_PARTS = ['WABA', 'customer', 'agent'] as const;

function parsePair(text: string, defaultCountry: string | undefined): Pair {
  const cells = text.split(',');
  if (cells.length !== 3 || cells.some((cell) => cell.trim() === '')) {
    throw new UsageError(`--pair expects three phone numbers <waba>,<customer>,<agent> separated by commas, but got "${text}"`);
  }
  const countryCode = country(defaultCountry);
  const digits = cells.map((cell, index) => {
    const result = normalisePhone(cell.trim(), countryCode);
    if (!result.ok) throw new UsageError(`--pair ${PAIR_PARTS[index]} number "${cell.trim()}" ${result.reason}`);
    return result.digits;
  });
  return { waba: digits[0] as string, customer: digits[1] as string, agent: digits[2] as string };
}
