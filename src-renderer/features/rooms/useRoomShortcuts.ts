/**
 * Shortcuts of the rooms view: Ctrl/⌘+K opens the palette, Ctrl/⌘+Shift+F
 * the search, Alt+↑/↓ moves to the previous or next room of the sidebar and
 * Alt+Shift+↑/↓ to the previous or next unread one. Ignored while a modal is open.
 */
import { useEffect, useRef } from 'react';

interface RoomShortcutTargets {
  onPalette(): void;
  onSearch(): void;
  onStep(step: 1 | -1, onlyUnread: boolean): void;
}

export function useRoomShortcuts(targets: RoomShortcutTargets): void {
  const latest = useRef(targets);
  useEffect(() => {
    latest.current = targets;
  }, [targets]);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || document.querySelector('[aria-modal="true"]')) return;
      const primary = event.ctrlKey !== event.metaKey && !event.altKey;
      if (primary && !event.shiftKey && (event.key === 'k' || event.key === 'K' || event.code === 'KeyK')) {
        event.preventDefault();
        latest.current.onPalette();
      } else if (primary && event.shiftKey && (event.key === 'f' || event.key === 'F' || event.code === 'KeyF')) {
        event.preventDefault();
        latest.current.onSearch();
      } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        latest.current.onStep(event.key === 'ArrowDown' ? 1 : -1, event.shiftKey);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
