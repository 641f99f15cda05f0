import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // says once when the tests that need ../shared were skipped because it is not there
    globalSetup: ['tests/shared-data-setup.ts'],
  },
});
