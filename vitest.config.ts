import { configDefaults, defineConfig } from 'vitest/config';

// End-to-end tests start real processes and real servers: give them room on a shared 2-core machine.
// Most of an end-to-end test's time is waiting (a CLI paced at --rate, a sandbox's latency, a
// retry's back-off), not computing, so files run three at a time, more than vitest's default of
// one worker per core but one (a single worker on 2 cores). The files whose assertions judge
// timing itself (rates measured at the server, prompt stops, progress lines per interval) run
// afterwards, one at a time, as before, so the others' load cannot skew what they measure.
const TIMED = [
  'test/e2e/adaptive-rate.test.ts',
  'test/e2e/cluster-*.test.ts',
  'test/e2e/stop-promptly.test.ts',
  'test/e2e/stopping.test.ts',
  'test/e2e/progress.test.ts',
  'test/e2e/faults.test.ts',
  'test/e2e/resilience.test.ts',
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
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/e2e/**'], maxWorkers: 3, isolate: false, sequence: { groupOrder: 0 } } },
      // The e2e files share worker processes too: each one closes its servers and temp dirs itself.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], exclude: [...configDefaults.exclude, ...TIMED], maxWorkers: 3, isolate: false, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'timed', include: TIMED, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
