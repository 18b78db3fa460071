/**
 * The form a group commit crosses to the SQLite log's worker thread in
 * (SqliteLogWriter.ts): structured clone copies every object and every
 * ArrayBuffer of a message one by one, and a group is often a hundred
 * updates of a few dozen bytes. Packed, it is two transferable buffers and
 * two short lists of names:
 *
 * - `names.docs`: workspace id, doc name, workspace id, doc name, … — each
 *   doc of the group once;
 * - `names.writers`: each writer (account id) of the group once;
 * - `rows`: per update, in order, `[doc index, writer index or -1, byte length]`;
 * - `bytes`: the updates' bytes back to back, in the same order.
 *
 * The reader is the worker's `append`, in the worker's source (SqliteLogWriter.ts).
 */
import type { DocAppend } from '../persistence/DocPersistence';

export interface PackedAppends {
  names: { docs: string[]; writers: string[] };
  rows: Int32Array<ArrayBuffer>;
  bytes: Uint8Array<ArrayBuffer>;
}

/** Packs `appends` (in order) for the log's worker. */
export function packAppends(appends: readonly DocAppend[]): PackedAppends {
  const docs: string[] = [];
  const writers: string[] = [];
  const docIndex = new Map<string, number>();
  const writerIndex = new Map<string, number>();
  const rows = new Int32Array(appends.length * 3);
  let total = 0;
  for (const append of appends) total += append.update.length;
  const bytes = new Uint8Array(total);
  let offset = 0;
  appends.forEach(({ key, update, writerId }, i) => {
    const docKey = `${key.workspaceId}\u0000${key.docName}`;
    let doc = docIndex.get(docKey);
    if (doc === undefined) {
      doc = docs.length / 2;
      docIndex.set(docKey, doc);
      docs.push(key.workspaceId, key.docName);
    }
    let writer = -1;
    if (writerId !== undefined) {
      writer = writerIndex.get(writerId) ?? writers.length;
      if (writer === writers.length) {
        writerIndex.set(writerId, writer);
        writers.push(writerId);
      }
    }
    rows[i * 3] = doc;
    rows[i * 3 + 1] = writer;
    rows[i * 3 + 2] = update.length;
    bytes.set(update, offset);
    offset += update.length;
  });
  return { names: { docs, writers }, rows, bytes };
}
