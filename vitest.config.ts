import { defineConfig } from 'vitest/config';

// End-to-end tests start real processes and real servers: give them room on a shared 2-core machine.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
