/**
 * App-wide shortcuts: Ctrl/⌘+1..9 opens the nth workspace of the rail and
 * Ctrl/⌘+, opens the settings. Ignored while a modal dialog is open, so they
 * never act behind the user's back.
 */
import { useEffect } from 'react';
import type { Workspace } from '../../../src-main/common/contract';
import { hasPrimaryModifier, shortcutDigit } from '../../lib/shortcuts';

interface ShortcutTargets {
  /** The workspaces on the rail, in order. */
  workspaces: Workspace[];
  onOpen(id: string): void;
  onSettings(): void;
}

export function useWorkspaceShortcuts({ workspaces, onOpen, onSettings }: ShortcutTargets): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.repeat || !hasPrimaryModifier(event)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const digit = shortcutDigit(event);
      if (digit !== null) {
        const workspace = workspaces[digit - 1];
        if (!workspace) return;
        event.preventDefault();
        onOpen(workspace.id);
      } else if (event.key === ',' || event.code === 'Comma') {
        event.preventDefault();
        onSettings();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [workspaces, onOpen, onSettings]);
}
