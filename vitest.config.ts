import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['src/testing/setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker less than the cores: one on CI's two. Many files wait on a child process, the
    // browser or the PostgreSQL server rather than compute, so two workers finish the suite sooner.
    maxWorkers: 2,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
