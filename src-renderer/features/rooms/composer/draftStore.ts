/**
 * Drafts of unsent messages in the renderer's Dexie database: read when a
 * composer opens, written (debounced by the caller) as the user types,
 * deleted when the message is sent or the text is cleared. They survive a
 * reload, a restart and switching workspaces.
 *
 * A page being unloaded may not finish an IndexedDB write, so the text still
 * waiting to be saved at that moment is also stashed synchronously in
 * localStorage, and moved into Dexie when the composer opens again.
 */
import { rendererDb } from '../../../lib/db/rendererDb';

/** The key of a room's (or a thread's) draft. */
export function draftKey(workspaceId: string, roomId: string, threadRootId: string | null): string {
  return threadRootId ? `${workspaceId}/${roomId}/${threadRootId}` : `${workspaceId}/${roomId}`;
}

const STASH_PREFIX = 'qwanyx.draftStash:';

/** Synchronously keeps `text` as the newest draft (for a page that is going away). */
export function stashDraft(workspaceId: string, roomId: string, threadRootId: string | null, text: string): void {
  try {
    localStorage.setItem(STASH_PREFIX + draftKey(workspaceId, roomId, threadRootId), text);
  } catch (err) {
    console.error('Stashing the draft failed', err);
  }
}

/** The saved draft text, or '' when there is none; a stashed one wins and moves into Dexie. */
export async function loadDraft(workspaceId: string, roomId: string, threadRootId: string | null): Promise<string> {
  const stashKey = STASH_PREFIX + draftKey(workspaceId, roomId, threadRootId);
  const stashed = localStorage.getItem(stashKey);
  if (stashed !== null) {
    await saveDraft(workspaceId, roomId, threadRootId, stashed);
    localStorage.removeItem(stashKey);
    return stashed.trim() === '' ? '' : stashed;
  }
  const { db } = await rendererDb();
  const draft = await db.drafts.get(draftKey(workspaceId, roomId, threadRootId));
  return draft?.text ?? '';
}

/** Saves `text` as the draft, or deletes the draft when `text` is blank. */
export async function saveDraft(workspaceId: string, roomId: string, threadRootId: string | null, text: string): Promise<void> {
  const key = draftKey(workspaceId, roomId, threadRootId);
  const { db } = await rendererDb();
  if (text.trim() === '') await db.drafts.delete(key);
  else await db.drafts.put({ key, workspaceId, roomId, threadRootId, text, updatedAt: Date.now() });
}

/** Calls `listener` with the ids of the rooms of `workspaceId` that have a timeline draft, now and at each change. */
export function watchDraftRooms(workspaceId: string, listener: (roomIds: ReadonlySet<string>) => void): () => void {
  let stopped = false;
  let unsubscribe: (() => void) | null = null;
  rendererDb().then(
    ({ db, liveQuery }) => {
      if (stopped) return;
      const subscription = liveQuery(() => db.drafts.where('workspaceId').equals(workspaceId).toArray()).subscribe({
        next: (drafts) => listener(new Set(drafts.filter((d) => d.threadRootId === null).map((d) => d.roomId))),
        error: (err: unknown) => console.error('Watching the drafts failed', err),
      });
      unsubscribe = () => subscription.unsubscribe();
    },
    (err: unknown) => console.error('Opening the drafts failed', err),
  );
  return () => {
    stopped = true;
    unsubscribe?.();
  };
}
