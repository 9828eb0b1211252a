// The flags that say how to read the input CSV, shared by `run` and `validate` so that a file
// `validate` passes is read the same way by `run`.
import type { Argv } from 'yargs';
import { RUN_DEFAULTS } from '../run/options.js';
import type { ValidateInput } from '../run/validate.js';

// yargs re-parses positionals as "--input <value>" and takes a bare "-" there for a flag, leaving
// "" behind; so the entry point swaps "-" for this marker first. No real argument holds a NUL.
const STDIN_MARKER = '\u0000stdin';

/** Keeps "-" (standard input) intact through yargs; apply to argv before parsing. */
export function protectStdinDash(argv: readonly string[]): string[] {
  return argv.map((arg) => (arg === '-' ? STDIN_MARKER : arg));
}

export function inputFlags<T>(yargs: Argv<T>) {
  return yargs
    .positional('input', {
      type: 'string',
      describe: 'CSV file (.csv or .csv.gz), or - for standard input',
      demandOption: true,
      coerce: (value: string) => (value === STDIN_MARKER ? '-' : value),
    })
    .option('customer-column', { type: 'string', describe: 'header of the customer phone column' })
    .option('waba-column', { type: 'string', describe: 'header of the WABA number column' })
    .option('agent-column', { type: 'string', describe: 'header of the agent phone column' })
    .option('waba', { type: 'string', describe: 'WABA number for files without a WABA column (fills empty cells)' })
    .option('default-country', { type: 'string', describe: 'ISO country (e.g. IN) for numbers written without a country code' })
    .option('delimiter', { type: 'string', describe: 'field delimiter: , ; tab | [default: detected from the header]' })
    .option('encoding', { type: 'string', default: RUN_DEFAULTS.encoding, describe: 'input encoding: utf8, windows-1252, utf16le, or any other iconv-lite knows (windows-1251, iso-8859-7, shift_jis…)' });
}

type InputArgs = Awaited<ReturnType<ReturnType<typeof inputFlags>['parseAsync']>>;

/** The reading part of the run options, as both commands take it from the parsed flags. */
export function readingFrom(argv: InputArgs): ValidateInput {
  return {
    input: String(argv.input),
    customerColumn: argv.customerColumn,
    wabaColumn: argv.wabaColumn,
    agentColumn: argv.agentColumn,
    waba: argv.waba,
    defaultCountry: argv.defaultCountry,
    delimiter: argv.delimiter,
    encoding: argv.encoding,
  };
}
