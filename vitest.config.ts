import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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
// The files that take longest (a suite run's per-file durations, longest first): started first in their group,
// whatever their project, so that none of them begins near the end while the other core has nothing left to run.
// Without this a fresh checkout (no duration cache) runs the integration files by size, then the unit files by
// size, and a long unit file (the bin smoke tests, the 10,000-update log) started last kept one core idle.
const LONG_FIRST = [
  'tests/integration/relayProcess.test.ts',
  'tests/integration/syncConvergence.test.ts',
  'tests/integration/relayFuzz.test.ts',
  'tests/integration/relayClusterFuzz.test.ts',
  'tests/integration/bigDocSync.test.ts',
  'src-main/core/modules/rooms/roomCommand.test.ts',
  'tests/integration/testKeyring.test.ts',
  'sync-server/storage/mergeUpdatesOffThread.test.ts',
  'tests/integration/crashSafety.test.ts',
  'src-main/sync/DocManager.test.ts',
  'tests/integration/syncRelayCrash.test.ts',
  'src-main/hosts/cli/runCli.test.ts',
  'tests/integration/mcpServers.test.ts',
  'tests/integration/syncTwoCores.test.ts',
  'tests/integration/relayStartup.test.ts',
  'src-main/domain/files/readImageSize.test.ts',
];
for (const file of LONG_FIRST) if (!fs.existsSync(file)) throw new Error(`vitest.config.ts: LONG_FIRST names ${file}, which does not exist`);

/** Vitest's order (groups, then its own), except that the files of LONG_FIRST lead their group, in that order. */
class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification): number => {
      const at = LONG_FIRST.indexOf(path.relative(spec.project.config.root, spec.moduleId).split(path.sep).join('/'));
      return at === -1 ? LONG_FIRST.length : at;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((spec, index) => ({ spec, index, group: spec.project.config.sequence.groupOrder, rank: rank(spec) }))
      .sort((a, b) => a.group - b.group || a.rank - b.rank || a.index - b.index)
      .map(({ spec }) => spec);
  }
}

// Three suites: unit tests beside their source, integration suites (real
// child processes, real keychain) and browser end-to-end tests.
export default defineConfig({
  test: {
    // Keychain entries of a run go under a test-only prefix and are checked at the end.
    globalSetup: ['tests/fixtures/keychainGlobalSetup.ts'],
    maxWorkers: WORKERS,
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'sync-server/**/*.test.ts', 'tests/lint/**/*.test.ts'],
          environment: 'node',
          // Worker threads rather than child processes: most unit files run in well under a second, and starting a
          // process per file (then loading the modules in it) took longer than their tests; a subset of 30 such
          // files ran in 0.6 times the wall time. The integration files keep processes (signals, keychain, children).
          pool: 'threads',
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
