import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['src/testing/setup.ts'],
    pool: 'forks',
    // Test files share a worker's loaded modules instead of each importing the server afresh (a third of the suite's
    // CPU went to imports). Nothing a test sets up outlives its file: no module mocks, registries are undone.
    isolate: false,
    // Vitest's default is one worker less than the cores: one on CI's two. Many files wait on a child process, the
    // browser or the PostgreSQL server rather than compute, so two workers finish the suite sooner.
    maxWorkers: 2,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
