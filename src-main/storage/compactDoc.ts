/**
 * Compaction of one doc's log: snapshot + updates → one snapshot.
 */
import * as Y from 'yjs';
import type { UpdateLog } from './UpdateLog';

/** Applies a list of v1 updates to `doc` in one transaction (fast: one observer pass). */
export function applyUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): void {
  if (updates.length === 0) return;
  Y.transact(
    doc,
    () => {
      for (const update of updates) Y.applyUpdate(doc, update, origin);
    },
    origin,
  );
}

/**
 * Merges the stored snapshot and updates of `docId` into a new snapshot, with
 * the file's write lock held from the read to the delete, so an update another
 * connection commits meanwhile is neither merged nor deleted: it stays in the
 * log after the new snapshot. Returns the number of updates merged.
 */
export function compactDoc(log: UpdateLog, docId: string): number {
  return log.writeTransaction(() => {
    const stored = log.load(docId);
    if (stored.updates.length === 0) return 0;
    const doc = new Y.Doc();
    try {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      applyUpdates(
        doc,
        stored.updates.map((u) => u.data),
        null,
      );
      log.replaceWithSnapshot(docId, Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), stored.clock);
      return stored.updates.length;
    } finally {
      doc.destroy();
    }
  });
}
