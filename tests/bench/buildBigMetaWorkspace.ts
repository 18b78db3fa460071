/**
 * The large-workspace fixture: a registered workspace whose `meta` doc
 * received `updateCount` realistic updates.
 *
 * - `asShipped`: written as the app writes, through a DocManager with its
 *   default compaction, yielding to the event loop between batches (where
 *   scheduled compactions run, as between a person's actions), then closed
 *   (snapshot on close). This is the doc a person opens.
 * - `uncompacted`: automatic compaction off and no snapshot on close, so the
 *   log keeps every update: the worst case, reported beside the figure.
 */
import { openWorkspaceDb } from '../../src-main/storage/WorkspaceDb';
import { DocManager } from '../../src-main/sync/DocManager';
import { createBenchCore } from './createBenchCore';
import { seededRandom } from './seededRandom';
import { writeMetaUpdates } from './writeMetaUpdates';
import { yieldToLoop } from './yieldToLoop';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';

export type BigMetaLog = 'asShipped' | 'uncompacted';

const PER_BATCH = 1000;

/** Creates the workspace through the core, then appends `updateCount` meta updates. Returns its id. */
export async function buildBigMetaWorkspace(dataDir: string, updateCount: number, log: BigMetaLog = 'uncompacted'): Promise<string> {
  const core = await createBenchCore(dataDir);
  let id: string;
  try {
    id = core.workspaces.create({ name: 'Big client', kind: 'team' }).id;
  } finally {
    await core.close();
  }
  const storage = openWorkspaceDb(dataDir, id, { migrations: workspaceSchema.migrations, create: false });
  const docs = new DocManager(storage.log, log === 'uncompacted' ? { compactEvery: 0 } : {});
  const random = seededRandom(0x5eed);
  try {
    for (let written = 0; written < updateCount; written += PER_BATCH) {
      writeMetaUpdates(docs, storage.log, Math.min(PER_BATCH, updateCount - written), random);
      if (log === 'asShipped') await yieldToLoop();
    }
  } finally {
    docs.close();
    storage.close();
  }
  return id;
}
