import { defineConfig } from 'vitest/config';

// One database per worker (PGlite takes seconds and ~400 MB to start), shared by that worker's
// files: isolate is off so the module-level cache in test/db.ts survives between files.
export default defineConfig({
  test: {
    // web/src: plain TypeScript modules of the UI (formatters, theme contrast), no DOM.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
