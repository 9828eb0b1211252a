// Part of `npm run build`: replaces tsc's dist/cli/index.js, the `collab-bulk` binary, with one
// file that holds the CLI and the libraries it imports. Node 20 resolves and links every ES module
// of a tree one by one (a one-row run loaded 381 of them, libphonenumber-js alone 115), which made each start of the CLI
// cost about half a second before it read a byte; one file starts in about half that (see README,
// "How fast it goes"). tsc still emits the other modules of dist/ for the tests and the bench that
// import them, and type-checks everything; esbuild only strips types and joins files.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { gotRequestOptions } from './got-request-options.mjs';

// The binary starts node in an environment only a start can set: a shebang passes at most one
// argument (and `env -S` is missing from busybox), so the file's first two lines are read by
// /bin/sh, which exec's node on the same file (same process: signals, kill -9 and exit codes are
// node's own), and by node as a bare string and a comment. Started as `node dist/cli/index.js`,
// node reads the file directly and runs as it was started.
// MALLOC_ARENA_MAX=2 (unless set already): glibc gives each thread that allocates an arena of its
// own, and V8's helper thread kept ~8 MB it had freed in one (optimised code compiled off the main
// thread): a million-row real run with --state peaked at 152 MB, 144 with two arenas (README,
// "Performance"). Compiling on the main thread instead (--no-concurrent-recompilation) took as
// much off but cost a tenth of the unthrottled throughput.
const NODE_SHEBANG = '#!/usr/bin/env node\n';
const LAUNCHER = '#!/bin/sh\n":" //; MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" exec node "$0" "$@"\n';

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
  plugins: [gotRequestOptions],
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
if (!source.startsWith(NODE_SHEBANG)) throw new Error(`${file} does not start with ${NODE_SHEBANG.trim()}`);
const ascii = source.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(file, LAUNCHER + ascii.slice(NODE_SHEBANG.length));
chmodSync(file, 0o755);
