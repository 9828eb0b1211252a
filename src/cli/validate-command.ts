// `collab-bulk validate`: parses the reading flags, checks the file with src/run/validate.ts
// and prints its report on stdout. Sends nothing and writes no file; --online reads the team directory.
import type { Argv, CommandModule } from 'yargs';
import { formatReport, validateFile, type ValidateInput } from '../run/validate.js';
import { RUN_DEFAULTS } from '../run/options.js';
import { inputFlags, readingFrom } from './input-flags.js';

function validateFlags<T>(yargs: Argv<T>) {
  return inputFlags(yargs)
    .option('online', { type: 'boolean', default: false, describe: 'also read the team directory (GET /team) to check agents by phone, e-mail and name; no collaborator request' })
    .option('api-key', { type: 'string', describe: 'with --online: DoubleTick API key (or env DOUBLETICK_API_KEY); never printed or written' })
    .option('base-url', { type: 'string', describe: `with --online: API base URL (or env DOUBLETICK_BASE_URL) [default: ${RUN_DEFAULTS.baseUrl}]` })
    .option('timeout', { type: 'number', default: RUN_DEFAULTS.timeoutMs, describe: 'with --online: ms to wait for one answer' });
}

type ValidateArgs = Awaited<ReturnType<ReturnType<typeof validateFlags>['parseAsync']>>;

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <input>',
  describe: 'Check every row of a CSV as run would, without sending anything (exit 0: all rows valid, 2: some are not)',
  builder: (yargs) =>
    validateFlags(yargs)
      .example('$0 validate agents.csv', 'check every row as run would; exit 0 when all are valid, 2 when some are not')
      .example('$0 validate export.csv --delimiter ";" --encoding windows-1252 --default-country IN', 'a European Excel export with local numbers')
      .example('gunzip -c export.csv.gz | $0 validate -', 'read standard input') as unknown as Argv<ValidateArgs>,
  handler: async (argv) => {
    const input: ValidateInput = { ...readingFrom(argv), online: argv.online, apiKey: argv.apiKey, baseUrl: argv.baseUrl, timeout: argv.timeout };
    const report = await validateFile(input);
    process.stdout.write(formatReport(report));
    process.exitCode = report.exitCode;
  },
};
