// Vitest: unit and integration tests under test/ (the browser tests under test/e2e run in Playwright).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    setupFiles: ['fake-indexeddb/auto'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
