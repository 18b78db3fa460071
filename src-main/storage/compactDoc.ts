/**
 * Compaction of one doc's log: snapshot + updates → one snapshot.
 */
import * as Y from 'yjs';
import type { StoredDoc, UpdateLog } from './UpdateLog';

/**
 * Updates applied per Yjs transaction. One transaction per update pays the
 * observer pass every time; one for 100k updates makes the end-of-transaction
 * struct merge quadratic. Chunks of a thousand avoid both.
 */
const UPDATES_PER_TRANSACTION = 1000;

/** Applies a list of v1 updates to `doc`, in chunked transactions. */
export function applyUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): void {
  for (let start = 0; start < updates.length; start += UPDATES_PER_TRANSACTION) {
    const end = Math.min(start + UPDATES_PER_TRANSACTION, updates.length);
    Y.transact(
      doc,
      () => {
        for (let i = start; i < end; i++) Y.applyUpdate(doc, updates[i]!, origin);
      },
      origin,
    );
  }
}

/** A new Y.Doc holding `stored` (its snapshot, then its updates); the caller destroys it. */
export function docOfStored(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  applyUpdates(doc, stored.updates, null);
  return doc;
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
    const doc = docOfStored(stored);
    try {
      log.replaceWithSnapshot(docId, Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), stored.clock);
      return stored.updates.length;
    } finally {
      doc.destroy();
    }
  });
}
