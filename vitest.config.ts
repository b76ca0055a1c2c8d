import { defineConfig } from 'vitest/config';

/** Two projects: fast unit tests, and integration tests that spawn real runtime processes. */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 10_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Real processes on 2 cores: keep files sequential so timing-based behaviour is stable.
          fileParallelism: false,
        },
      },
    ],
  },
});
