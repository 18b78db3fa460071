/**
 * Deletes abandoned uploads from the relay's blob store: an upload begun
 * and never finished (the app was uninstalled, the file deleted, the
 * member left) would otherwise stay under `partial/` for ever, holding its
 * bytes and its share of the workspace's quota. One is abandoned once
 * nothing was written to it for `RELAY_BLOB_PARTIAL_MAX_AGE_HOURS` (default
 * 24, `blobPartialMaxAgeHours`); the store decides what "written" means
 * (a file's modification time on disk, its newest piece in a bucket) and
 * skips an upload being received right now, on this node or, through the
 * shared lease, on another (BlobStore.sweepPartial).
 *
 * Runs once at start and then every quarter of the age (at most hourly), on
 * an unref'd timer so it never keeps the process up; one sweep at a time.
 * A sweep that fails is logged and tried again next time.
 */
import type { Logger } from '../../src-main/common/Logger';
import type { BlobStore } from './BlobStore';

/** How often a sweep runs at most: hourly. */
const MAX_INTERVAL_MS = 3_600_000;
const HOUR_MS = 3_600_000;

/** The interval between sweeps for uploads abandoned after `maxAgeMs`. */
export function sweepIntervalMs(maxAgeMs: number): number {
  return Math.min(MAX_INTERVAL_MS, Math.max(1000, Math.floor(maxAgeMs / 4)));
}

export interface PartialSweep {
  /** Runs one sweep now (or waits for the one running) and returns what it deleted. */
  sweep(): Promise<{ uploads: number; bytes: number }>;
  /** Stops the timer and waits for a sweep under way, so the store is not closed under it. */
  stop(): Promise<void>;
}

export function startPartialSweep(input: {
  store: Pick<BlobStore, 'sweepPartial'>;
  maxAgeHours: number;
  logger: Logger;
  /** The clock (ms); tests move it. */
  now?: () => number;
  /** Overrides the interval (tests). */
  intervalMs?: number;
}): PartialSweep {
  const maxAgeMs = input.maxAgeHours * HOUR_MS;
  const now = input.now ?? Date.now;
  let running: Promise<{ uploads: number; bytes: number }> | null = null;
  let stopped = false;
  const sweep = (): Promise<{ uploads: number; bytes: number }> => {
    running ??= (async () => {
      try {
        const swept = await input.store.sweepPartial(now() - maxAgeMs);
        if (swept.uploads > 0) input.logger('info', 'blobs.partial_swept', { ...swept, maxAgeHours: input.maxAgeHours });
        return swept;
      } catch (err) {
        input.logger('warn', 'blobs.partial_sweep_failed', { err });
        return { uploads: 0, bytes: 0 };
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void sweep();
  }, input.intervalMs ?? sweepIntervalMs(maxAgeMs));
  timer.unref();
  void sweep();
  return {
    sweep,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
