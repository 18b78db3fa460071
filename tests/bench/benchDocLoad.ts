/**
 * doc_load_100k_updates_ms: loading a `meta` doc that received 100k updates
 * (buildBigMetaWorkspace.ts), from its snapshot and whatever tail its log
 * holds. Automatic compaction is off while measuring, so loading never
 * changes the fixture.
 */
import { openWorkspaceDb } from '../../src-main/storage/WorkspaceDb';
import { DocManager } from '../../src-main/sync/DocManager';
import { median } from './percentile';
import { timeMs } from './timeMs';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';

export interface DocLoadResult {
  medianMs: number;
  samplesMs: number[];
  /** Updates in the log after the snapshot when loading. */
  pendingUpdates: number;
}

/** Median time from opening the workspace DB to its `meta` doc ready in memory, compaction off. */
export function benchDocLoad(dataDir: string, workspaceId: string, runs: number): DocLoadResult {
  const samplesMs: number[] = [];
  let pendingUpdates = 0;
  for (let run = 0; run < runs; run++) {
    let close = (): void => {};
    samplesMs.push(
      timeMs(() => {
        const storage = openWorkspaceDb(dataDir, workspaceId, { migrations: workspaceSchema.migrations, create: false });
        const docs = new DocManager(storage.log, { compactEvery: 0 });
        docs.doc('meta');
        close = () => {
          pendingUpdates = storage.log.pendingCount('meta');
          docs.close();
          storage.close();
        };
      }),
    );
    close();
  }
  return { medianMs: median(samplesMs), samplesMs, pendingUpdates };
}
