/** Root types of the docs of a workspace, defined before anything is applied to them. */
import type * as Y from 'yjs';
import { AUDIT_DOC_MAPS } from '../audit/auditDocFormat';
import { DH_DOC_MAPS } from '../dh/dhDocFormat';
import { ROOM_DOC_MAPS } from './roomDocFormat';

/** The root maps of `meta`. */
export const META_DOC_MAPS = ['settings', 'rooms', 'members', 'dhs', 'knowledge'] as const;

/**
 * Defines the root maps of `docName` on a new, empty `doc` (DocManager's
 * `prepareDoc`), so changes are always reported against the same types.
 */
export function defineWorkspaceDocTypes(docName: string, doc: Y.Doc): void {
  const names =
    docName === 'meta' ? META_DOC_MAPS : docName.startsWith('room/') ? ROOM_DOC_MAPS : docName.startsWith('dh/') ? DH_DOC_MAPS : docName === 'audit' ? AUDIT_DOC_MAPS : [];
  for (const name of names) doc.getMap(name);
}
