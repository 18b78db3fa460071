/**
 * One Yjs update out of the rows of one doc read from a damaged file: the
 * snapshot (when it could be read) and every update row, each decoded first
 * so a row whose bytes were overwritten is dropped rather than poisoning the
 * rest. Rows may overlap (a snapshot covers earlier updates) and may have
 * gaps (a broken page): Yjs merges the first and keeps what depends on a
 * missing change as pending, so what can be shown is shown.
 */
import * as Y from 'yjs';
import type { ReadableDoc } from './readDamagedWorkspaceFile';

/** The merged update of a doc, how many rows it holds and how many were dropped as unreadable. */
export interface MergedDoc {
  update: Uint8Array;
  kept: number;
  dropped: number;
}

/** Merges the readable rows of `doc`, or null when none of them decodes. */
export function mergeReadableDoc(doc: ReadableDoc): MergedDoc | null {
  const candidates = [...(doc.snapshot ? [doc.snapshot.data] : []), ...doc.updates.map((u) => u.data)];
  const valid: Uint8Array[] = [];
  for (const data of candidates) if (decodes(data)) valid.push(data);
  if (valid.length === 0) return null;
  return { update: valid.length === 1 ? valid[0]! : Y.mergeUpdates(valid), kept: valid.length, dropped: candidates.length - valid.length };
}

function decodes(data: Uint8Array): boolean {
  try {
    Y.decodeUpdate(data);
    // Applying to a throwaway doc catches what decoding alone lets through (a struct that cannot integrate).
    Y.applyUpdate(new Y.Doc(), data);
    return true;
  } catch {
    return false;
  }
}
