import { defineConfig } from 'vitest/config';

// Three suites: unit tests beside their source, integration suites (real
// child processes, real keychain) and browser end-to-end tests.
export default defineConfig({
  test: {
    // Keychain entries of a run go under a test-only prefix and are checked at the end.
    globalSetup: ['tests/fixtures/keychainGlobalSetup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'sync-server/**/*.test.ts', 'tests/lint/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
