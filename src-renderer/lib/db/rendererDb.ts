/**
 * The renderer's own IndexedDB database (Dexie): UI state that belongs to
 * this window's user and never goes through the core — today, the drafts
 * of unsent messages, one per room and per thread.
 */
import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';

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

let db: RendererDb | null = null;

/** The database, opened on first use. */
export function rendererDb(): RendererDb {
  if (!db) {
    db = new Dexie('qwanyx-renderer') as RendererDb;
    db.version(1).stores({ drafts: 'key, workspaceId, [workspaceId+roomId]' });
  }
  return db;
}
