/**
 * The renderer's own IndexedDB database (Dexie): UI state that belongs to
 * this window's user and never goes through the core — today, the drafts
 * of unsent messages, one per room and per thread. Dexie loads with the
 * first use (its own chunk), keeping it out of the first screen's JavaScript.
 */
import type { Dexie, EntityTable, liveQuery } from 'dexie';

/** An unsent message. `key` is `workspaceId/roomId` or `workspaceId/roomId/threadRootId`. */
export interface Draft {
  key: string;
  workspaceId: string;
  roomId: string;
  threadRootId: string | null;
  text: string;
  updatedAt: number;
}

type RendererDb = Dexie & { drafts: EntityTable<Draft, 'key'> };

export interface RendererDbHandle {
  db: RendererDb;
  liveQuery: typeof liveQuery;
}

let opening: Promise<RendererDbHandle> | null = null;

/** The database, opened on first use. */
export function rendererDb(): Promise<RendererDbHandle> {
  opening ??= import('dexie').then((dexie) => {
    const db = new dexie.Dexie('qwanyx-renderer') as RendererDb;
    db.version(1).stores({ drafts: 'key, workspaceId, [workspaceId+roomId]' });
    return { db, liveQuery: dexie.liveQuery };
  });
  return opening;
}
