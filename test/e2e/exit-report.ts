// A module node loads before the CLI (NODE_OPTIONS=--import) that writes, as the process exits, a
// value read inside it to the file EXIT_REPORT names: how a test sees the real process's own view
// of itself (its heap, its pid, its environment).
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Writes the module at `path`: `imports` are its import lines, `value` the expression whose JSON it writes. Returns the NODE_OPTIONS that load it. */
export function writeExitReporter(path: string, imports: string, value: string): string {
  writeFileSync(path, `import { writeFileSync } from 'node:fs';\n${imports}\nprocess.on('exit', () => writeFileSync(process.env.EXIT_REPORT, JSON.stringify(${value})));\n`);
  return `--import=${pathToFileURL(path).href}`;
}

export function readExitReport<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
