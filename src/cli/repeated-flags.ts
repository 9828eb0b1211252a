// A flag given twice (`--api-key a --api-key b`, `--out x --out y`) is a mistake to point out, not
// to guess at: yargs would hand the command an array where it expects one value. Checked once,
// for every command, before any handler runs.
import { UsageError } from '../errors.js';

/** yargs middleware: throws one sentence naming the first flag given more than once. */
export function rejectRepeatedFlags(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    // `_` holds the positionals; camelCase keys are yargs' copies of the dashed names.
    if (key === '_' || key === '$0' || /[A-Z]/.test(key) || !Array.isArray(value)) continue;
    throw new UsageError(`--${key} was given ${value.length} times: give it once`);
  }
}
