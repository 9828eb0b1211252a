// How far V8 lets the old generation grow past what the last full GC kept, set before anything else
// loads (index.ts imports this module first). A run keeps little alive (about 25 MB of heap: code,
// module text, the rows in the window and the requests in flight), but it promotes tens of MB a
// second of short-lived request objects, and by default V8 lets the old generation grow up to 4x
// the live heap before collecting: 80 to 100 MB of old space for 25 MB alive. Capping the factor at
// 2x measured about 40 MB less peak RSS at no throughput cost we could see (README, "Memory").
//
// This flag is read at every full GC, so setting it here takes effect. The young generation's
// ceiling (--max-semi-space-size) and the old generation's maximum are read only at start-up and
// cannot be set from here; the semi-space cap also cost throughput when measured, so it is left to
// NODE_OPTIONS.
import { setFlagsFromString } from 'node:v8';

/** The old generation grows to at most (1 + this / 100) times what the last full GC kept. */
export const OLD_GENERATION_GROWTH_PERCENT = 100;

/** Whoever starts node with the flag (its arguments or NODE_OPTIONS, either spelling) keeps their own value. */
function givenByUser(): boolean {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return args.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg));
}

if (!givenByUser()) setFlagsFromString(`--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`);
