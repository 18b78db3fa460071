import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Test files run side by side on every core. Vitest's own default leaves one
// core free (one worker on a 2-core CI machine), but the integration and
// end-to-end files spend much of their time waiting on the child processes,
// servers and browser they drive, so one worker per core keeps both busy.
const WORKERS = Math.max(2, os.availableParallelism());
// Each end-to-end file drives a browser page and one to three host processes: two at a time on 2 cores.
const E2E_WORKERS = Math.min(WORKERS, Math.max(2, Math.floor(WORKERS / 2)));
// Integration files that measure how long the event loop waits (a timer's lag, its utilisation): they run
// alone, after the others, so no other file's work on the same cores is taken for theirs.
const MEASURES_LOOP = ['tests/integration/readAttachment.test.ts', 'tests/integration/erasureOffThread.test.ts'];

// Three suites: unit tests beside their source, integration suites (real
// child processes, real keychain) and browser end-to-end tests.
export default defineConfig({
  test: {
    // Keychain entries of a run go under a test-only prefix and are checked at the end.
    globalSetup: ['tests/fixtures/keychainGlobalSetup.ts'],
    maxWorkers: WORKERS,
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
          exclude: MEASURES_LOOP,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration-alone',
          include: MEASURES_LOOP,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium (a context per file) and one prebuilt browser host for the run; see e2eGlobalSetup.
          globalSetup: ['tests/fixtures/e2eGlobalSetup.ts'],
          // Files share no ports (every server listens on port 0), data dirs (each makes its own) or keychain
          // entries (each workspace has its own ids), so two run at once.
          maxWorkers: E2E_WORKERS,
          // Last when all projects run in one command (worker counts differ between groups).
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
