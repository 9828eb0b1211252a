import { configDefaults, defineConfig } from 'vitest/config';

// End-to-end tests start real processes and real servers: give them room on a shared 2-core machine.
// Most of an end-to-end test's time is waiting (a CLI paced at --rate, a sandbox's latency, a
// retry's back-off, a grace time), not computing, so files run five at a time (the unit and e2e
// projects share one pool, so both name the same maxWorkers): with three, the files that sit out a
// 10 s grace time or a Redis outage held workers while the CPU idled (a 2-core machine ran the pool
// in 125 s with five, against about 180 s with three). The files whose assertions
// measure the send rate itself at the server (the busiest second, the share of a limit reached)
// run afterwards, one at a time, so the others' load cannot bunch or slow what they count. Files
// that judge elapsed time with a margin of seconds (a prompt stop, a progress line per interval,
// a Redis outage) stay in the pool: load moves them by fractions of their margin.
const RATE_MEASURED = [
  'test/e2e/adaptive-rate.test.ts',
  'test/e2e/cluster-adaptive.test.ts',
  'test/e2e/cluster-rate.test.ts',
  'test/e2e/rate-window.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      // `npm run test:unit` runs this project alone. Its files share a worker process (isolate: false)
      // rather than each starting a fresh one: importing vitest and the sources again per file was
      // most of its time (115 s against 30 s on a loaded 2-core machine). They leave no global state
      // behind (fake timers are restored in each file; nothing is mocked by module).
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/e2e/**'], maxWorkers: 5, isolate: false, sequence: { groupOrder: 0 } } },
      // The e2e files share worker processes too: each one closes its servers and temp dirs itself.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], exclude: [...configDefaults.exclude, ...RATE_MEASURED], maxWorkers: 5, isolate: false, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'rate', include: RATE_MEASURED, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
