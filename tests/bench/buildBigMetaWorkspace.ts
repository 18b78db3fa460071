/**
 * The large-workspace fixture: a registered workspace whose `meta` doc has
 * `updateCount` realistic updates in its log, not yet compacted.
 */
import { openWorkspaceDb } from '../../src-main/storage/WorkspaceDb';
import { DocManager } from '../../src-main/sync/DocManager';
import { createBenchCore } from './createBenchCore';
import { seededRandom } from './seededRandom';
import { writeMetaUpdates } from './writeMetaUpdates';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';

/** Creates the workspace through the core, then appends `updateCount` meta updates. Returns its id. */
export async function buildBigMetaWorkspace(dataDir: string, updateCount: number): Promise<string> {
  const core = await createBenchCore(dataDir);
  let id: string;
  try {
    id = core.workspaces.create({ name: 'Big client', kind: 'team' }).id;
  } finally {
    await core.close();
  }
  const storage = openWorkspaceDb(dataDir, id, { migrations: workspaceSchema.migrations, create: false });
  // Automatic compaction off: the fixture must keep every update in the log.
  const docs = new DocManager(storage.log, { compactEvery: 0 });
  try {
    writeMetaUpdates(docs, storage.log, updateCount, seededRandom(0x5eed));
  } finally {
    docs.close();
    storage.close();
  }
  return id;
}
