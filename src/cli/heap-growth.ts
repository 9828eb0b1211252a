// How far V8 lets the heap grow, set before anything else loads (index.ts imports this module
// first). A run keeps little alive (about 25 MB of heap: code, module text, the rows in the window
// and the requests in flight) but allocates fast (60 to 120 KB per row at --rate 0, half of it got
// and Node's HTTP client), and by default V8 answers that with room it never gives back:
//  - the old generation may grow to 4x what the last full GC kept (80 to 100 MB of old space for
//    25 MB alive): capped at 1.75x, which measured about 45 MB less peak RSS at no throughput cost
//    we could see (2x at first; 1.75x took a million-row real run from 152.5 to 148 MB, and was as
//    fast in 5 alternated rounds at 50,000 and 100,000 rows; 1.5x cost 7%). V8 reads this flag at
//    every full GC, so setting it here takes effect.
//  - the young generation doubles whenever as much has survived it as it holds, which every long
//    run reaches, up to two 16 MB semi-spaces. Its ceiling (--max-semi-space-size) is read only at
//    start-up, but the growth factor is read at each growth: once the semi-spaces reach 8 MB, a
//    factor of 1 holds them there, 16 MB less peak RSS. At 8 MB unthrottled throughput moved by
//    +3% and -3% in two alternated series (noise); at 4 MB it fell by 20% (bench/results/HISTORY.md).
// Either flag given to node (its arguments or NODE_OPTIONS, either spelling) keeps the user's value.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The old generation grows to at most (1 + this / 100) times what the last full GC kept. */
export const OLD_GENERATION_GROWTH_PERCENT = 75;
/** Each of the young generation's two semi-spaces stops growing at this size. */
export const SEMI_SPACE_MB = 8;

function givenByUser(flag: RegExp): boolean {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return args.some((arg) => flag.test(arg));
}

/** V8's new space reports both semi-spaces together. */
function youngGenerationMb(): number {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return (young?.space_size ?? 0) / 1_048_576;
}

/** Watches each collection until the young generation reaches the cap, then stops its growth and stops watching. */
function capYoungGeneration(): void {
  const watcher = new PerformanceObserver(() => {
    if (youngGenerationMb() < 2 * SEMI_SPACE_MB) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    watcher.disconnect();
  });
  watcher.observe({ entryTypes: ['gc'] });
}

if (!givenByUser(/^--heap[-_]growing[-_]percent\b/)) setFlagsFromString(`--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`);
if (!givenByUser(/^--(max[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor)\b/)) capYoungGeneration();
