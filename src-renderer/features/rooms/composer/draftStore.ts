/**
 * Drafts of unsent messages in the renderer's Dexie database: read when a
 * composer opens, written (debounced by the caller) as the user types,
 * deleted when the message is sent or the text is cleared. They survive a
 * reload, a restart and switching workspaces.
 */
import { liveQuery } from 'dexie';
import { rendererDb } from '../../../lib/db/rendererDb';

/** The key of a room's (or a thread's) draft. */
export function draftKey(workspaceId: string, roomId: string, threadRootId: string | null): string {
  return threadRootId ? `${workspaceId}/${roomId}/${threadRootId}` : `${workspaceId}/${roomId}`;
}

/** The saved draft text, or '' when there is none. */
export async function loadDraft(workspaceId: string, roomId: string, threadRootId: string | null): Promise<string> {
  const draft = await rendererDb().drafts.get(draftKey(workspaceId, roomId, threadRootId));
  return draft?.text ?? '';
}

/** Saves `text` as the draft, or deletes the draft when `text` is blank. */
export async function saveDraft(workspaceId: string, roomId: string, threadRootId: string | null, text: string): Promise<void> {
  const key = draftKey(workspaceId, roomId, threadRootId);
  if (text.trim() === '') await rendererDb().drafts.delete(key);
  else await rendererDb().drafts.put({ key, workspaceId, roomId, threadRootId, text, updatedAt: Date.now() });
}

/** Calls `listener` with the ids of the rooms of `workspaceId` that have a timeline draft, now and at each change. */
export function watchDraftRooms(workspaceId: string, listener: (roomIds: ReadonlySet<string>) => void): () => void {
  const subscription = liveQuery(() => rendererDb().drafts.where('workspaceId').equals(workspaceId).toArray()).subscribe({
    next: (drafts) => listener(new Set(drafts.filter((d) => d.threadRootId === null).map((d) => d.roomId))),
    error: (err: unknown) => console.error('Watching the drafts failed', err),
  });
  return () => subscription.unsubscribe();
}
