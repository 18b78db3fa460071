/**
 * The text of a composer, backed by its draft in Dexie: the saved draft
 * fills an untouched composer when it loads, edits are saved a moment after
 * typing stops (and when the composer goes away), and `clear` deletes it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadDraft, saveDraft, stashDraft } from './draftStore';

/** Quiet time before a draft is written. */
const SAVE_DELAY_MS = 250;

export interface DraftText {
  text: string;
  setText(text: string): void;
  /** Empties the composer and deletes the draft (after sending). */
  clear(): void;
}

export function useDraft(workspaceId: string, roomId: string, threadRootId: string | null): DraftText {
  const [text, setTextState] = useState('');
  const touched = useRef(false);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; text: string } | null>(null);

  const flush = useCallback(() => {
    const job = pending.current;
    if (!job) return;
    clearTimeout(job.timer);
    pending.current = null;
    saveDraft(workspaceId, roomId, threadRootId, job.text).catch((err: unknown) => console.error('Saving the draft failed', err));
  }, [workspaceId, roomId, threadRootId]);

  useEffect(() => {
    let cancelled = false;
    touched.current = false;
    loadDraft(workspaceId, roomId, threadRootId).then(
      (saved) => {
        if (!cancelled && !touched.current && saved !== '') setTextState(saved);
      },
      (err: unknown) => console.error('Loading the draft failed', err),
    );
    // The page is going away: the async save may not finish, so stash the text synchronously too.
    const onPageHide = (): void => {
      if (pending.current) stashDraft(workspaceId, roomId, threadRootId, pending.current.text);
      flush();
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', onPageHide);
      flush();
    };
  }, [workspaceId, roomId, threadRootId, flush]);

  const setText = useCallback(
    (next: string) => {
      touched.current = true;
      setTextState(next);
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = { text: next, timer: setTimeout(flush, SAVE_DELAY_MS) };
    },
    [flush],
  );

  const clear = useCallback(() => {
    touched.current = true;
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    setTextState('');
    saveDraft(workspaceId, roomId, threadRootId, '').catch((err: unknown) => console.error('Deleting the draft failed', err));
  }, [workspaceId, roomId, threadRootId]);

  return { text, setText, clear };
}
