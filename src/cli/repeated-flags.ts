// A flag given twice (`--api-key a --api-key b`, `--out x --out y`) is a mistake to point out, not
// to guess at: yargs would hand the command an array where it expects one value. Checked on the
// raw arguments, for every command, before yargs parses them (variadic positionals such as merge's
// folders are arrays too, so the parsed form cannot tell).
import { UsageError } from '../errors.js';

/** Throws one sentence naming the first flag given more than once. */
export function rejectRepeatedFlags(argv: readonly string[]): void {
  const seen = new Set<string>();
  for (const arg of argv) {
    if (arg === '--') return;
    if (!arg.startsWith('--') || arg.length === 2) continue;
    const name = arg.slice(2).split('=')[0]!.replace(/^no-/, '');
    if (seen.has(name)) throw new UsageError(`--${name} was given more than once: give it once`);
    seen.add(name);
  }
}
