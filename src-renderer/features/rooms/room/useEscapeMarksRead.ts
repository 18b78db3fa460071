/**
 * Esc marks the open room read, unless something else took the
 * key first: a dialog, a menu, a completion list, the search field or an
 * inline editor (they all handle Esc themselves and stop it).
 */
import { useEffect, useRef } from 'react';

const OWNS_ESCAPE = '[aria-modal="true"], [role="menu"], .emoji-picker, .palette';

export function useEscapeMarksRead(markRead: () => void): void {
  const latest = useRef(markRead);
  useEffect(() => {
    latest.current = markRead;
  }, [markRead]);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== 'Escape' || event.defaultPrevented || event.repeat) return;
      if (document.querySelector(OWNS_ESCAPE)) return;
      latest.current();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
