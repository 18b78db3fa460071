/** Which docs of a linked workspace sync with its relay. */
import { DhQueries } from '../storage/dh/DhQueries';
import { dhDocName } from '../storage/dh/dhDocFormat';
import { RoomQueries } from '../storage/rooms/RoomQueries';
import { roomDocName } from '../storage/rooms/roomDocFormat';
import type { WorkspaceHandle } from './WorkspaceHandle';

/** Docs every linked workspace syncs; rooms and digital humans add theirs as they come. */
export const DEFAULT_SYNCED_DOCS: readonly string[] = ['meta', 'audit'];
/**
 * Families of docs that sync too: each room's doc (started as its room
 * appears in `meta`) and each digital human's doc (as its profile does).
 */
export const SYNCED_DOC_PREFIXES: readonly string[] = ['room/', 'dh/'];

/** True when `docName` syncs: one of `fixed`, or in a synced family. */
export function isSyncedDoc(fixed: ReadonlySet<string>, docName: string): boolean {
  return fixed.has(docName) || SYNCED_DOC_PREFIXES.some((prefix) => docName.startsWith(prefix));
}

/** The docs of an open workspace that sync: the fixed ones, one per room and one per digital human. */
export function syncedDocNames(fixed: ReadonlySet<string>, handle: WorkspaceHandle): string[] {
  return [
    ...fixed,
    ...new RoomQueries(handle.storage.db).listRooms().map((r) => roomDocName(r.id)),
    ...new DhQueries(handle.storage.db).list().map((dh) => dhDocName(dh.id)),
  ];
}
