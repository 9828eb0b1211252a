// `collab-bulk validate`: parses the reading flags, checks the file with src/run/validate.ts
// and prints its report on stdout. Sends nothing and writes no file.
import type { Argv, CommandModule } from 'yargs';
import { formatReport, validateFile, type ValidateInput } from '../run/validate.js';
import { inputFlags, readingFrom } from './input-flags.js';

type ValidateArgs = Awaited<ReturnType<ReturnType<typeof inputFlags>['parseAsync']>>;

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <input>',
  describe: 'Check every row of a CSV as run would, without sending anything (exit 0: all rows valid, 2: some are not)',
  builder: (yargs) => inputFlags(yargs) as unknown as Argv<ValidateArgs>,
  handler: async (argv) => {
    const input: ValidateInput = readingFrom(argv);
    const report = await validateFile(input);
    process.stdout.write(formatReport(report));
    process.exitCode = report.exitCode;
  },
};
