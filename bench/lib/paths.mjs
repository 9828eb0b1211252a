// Where things are: the repo, the built CLI, and the bench's output folders.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'dist/cli/index.js');
export const OUT_DIR = join(ROOT, 'bench/out');
export const RESULTS_DIR = join(ROOT, 'bench/results');
export const PEERS_DIR = join(ROOT, 'bench/.peers');
export const BARE_HTTP = join(ROOT, 'bench/peers/bare-http.mjs');
export const BARE_GOT = join(ROOT, 'bench/peers/bare-got.mjs');
