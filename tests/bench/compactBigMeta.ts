/** Compacts the fixture's `meta` doc through DocManager.compact, timing the compaction alone. */
import { openWorkspaceDb } from '../../src-main/storage/WorkspaceDb';
import { DocManager } from '../../src-main/sync/DocManager';
import * as Y from 'yjs';
import { timeMs } from './timeMs';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';

export interface CompactionResult {
  /** How long DocManager.compact blocked the thread (doc already in memory). */
  compactMs: number;
  merged: number;
  snapshotBytes: number;
  /** Structs (items and tombstones) in the doc after loading: what every later load has to integrate. */
  structCount: number;
}

/** Loads the `meta` doc, then times `DocManager.compact('meta')`. */
export function compactBigMeta(dataDir: string, workspaceId: string): CompactionResult {
  const storage = openWorkspaceDb(dataDir, workspaceId, { migrations: workspaceSchema.migrations, create: false });
  const docs = new DocManager(storage.log, { compactEvery: 0 });
  try {
    const doc = docs.doc('meta');
    let merged = 0;
    const compactMs = timeMs(() => {
      merged = docs.compact('meta');
    });
    let structCount = 0;
    for (const structs of doc.store.clients.values()) structCount += structs.length;
    return { compactMs, merged, snapshotBytes: Y.encodeStateAsUpdate(doc).byteLength, structCount };
  } finally {
    docs.close();
    storage.close();
  }
}
