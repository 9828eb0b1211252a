// Part of `npm run build`: replaces tsc's dist/cli/index.js, the `collab-bulk` binary, with one
// file that holds the CLI and the libraries it imports. Node 20 resolves and links every ES module
// of a tree one by one (a one-row run loaded 381 of them, libphonenumber-js alone 115), which made each start of the CLI
// cost about half a second before it read a byte; one file starts in about half that (see README,
// "How fast it goes"). tsc still emits the other modules of dist/ for the tests and the bench that
// import them, and type-checks everything; esbuild only strips types and joins files.
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// Loaded at run time, not joined: a native addon, modules loaded only when a flag asks for them
// (--redis-url, pretty logs), and a package whose files report.html reads as text.
const EXTERNAL = ['better-sqlite3', 'ioredis', 'pino-pretty', 'uplot'];

await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: 'dist/cli/index.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // The CommonJS libraries joined in (pino, yargs' helpers) call require() for Node's own modules.
  banner: { js: "import { createRequire as __collabBulkRequire } from 'node:module';\nconst require = __collabBulkRequire(import.meta.url);" },
  logLevel: 'warning',
});

// esbuild escapes strings but leaves regular-expression literals and comments as written, and 58
// characters past Latin-1 (Cyrillic and Greek letters in a regex, a typographic apostrophe, dashes
// in comments) make V8 hold the whole 2.2 MB source as a two-byte string: 4.5 MB of heap instead
// of 2.2 for every run. A \uXXXX escape means the same character in a regex literal (with or
// without the u flag), a string or a template, and nothing in a comment.
// (Escaped after a backslash, a character would change meaning, so the build refuses that case.)
const file = 'dist/cli/index.js';
const source = readFileSync(file, 'utf8');
if (/\\[^\x00-\x7f]/.test(source)) throw new Error(`${file}: a backslash before a non-ASCII character; write it as \\uXXXX in the source`);
writeFileSync(file, source.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));
