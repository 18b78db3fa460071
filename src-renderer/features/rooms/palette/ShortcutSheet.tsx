/**
 * The list of keyboard shortcuts, opened with Ctrl/⌘+/ (or from the command
 * palette). `ShortcutSheetHost` listens for the key and shows the sheet; it
 * stays out of the way while another dialog is open.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../../lib/i18n/I18nProvider';
import type { MessageKey } from '../../../lib/i18n/i18n';
import { modifierLabel } from '../../../lib/shortcuts';
import { Dialog } from '../../../lib/ui/Dialog';
import { SHORTCUT_SHEET_EVENT, openShortcutSheet } from './shortcutSheetEvents';

/** Each shortcut: its keys (a `mod` placeholder stands for Ctrl+ or ⌘) and what it does. */
const SHORTCUTS: readonly { keys: readonly string[]; what: MessageKey }[] = [
  { keys: ['mod K'], what: 'shortcuts.palette' },
  { keys: ['mod /'], what: 'shortcuts.sheet' },
  { keys: ['mod Shift+F'], what: 'shortcuts.search' },
  { keys: ['mod 1', 'mod 9'], what: 'shortcuts.switchWorkspace' },
  { keys: ['mod ,'], what: 'shortcuts.settings' },
  { keys: ['Alt+↑', 'Alt+↓'], what: 'shortcuts.stepRoom' },
  { keys: ['Alt+Shift+↑', 'Alt+Shift+↓'], what: 'shortcuts.stepUnread' },
  { keys: ['Enter'], what: 'shortcuts.send' },
  { keys: ['Shift+Enter'], what: 'shortcuts.newline' },
  { keys: ['↑'], what: 'shortcuts.editLast' },
  { keys: ['Esc'], what: 'shortcuts.markRead' },
];

export function ShortcutSheet({ onClose }: { onClose(): void }): ReactNode {
  const t = useT();
  const mod = modifierLabel();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} testId="shortcut-sheet">
      <dl className="shortcuts">
        {SHORTCUTS.map(({ keys, what }) => (
          <div key={what} className="shortcuts__row">
            <dt>
              {keys.map((key, i) => (
                <span key={key}>
                  {i > 0 ? ' / ' : null}
                  <kbd>{key.replace('mod ', mod)}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}

/** Opens the sheet on Ctrl/⌘+/ and on `openShortcutSheet()`. */
export function ShortcutSheetHost(): ReactNode {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.altKey || event.ctrlKey === event.metaKey) return;
      if (event.key !== '/' && event.code !== 'Slash') return;
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      openShortcutSheet();
    }
    const onOpen = (): void => setOpen(true);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener(SHORTCUT_SHEET_EVENT, onOpen);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener(SHORTCUT_SHEET_EVENT, onOpen);
    };
  }, []);
  return open ? <ShortcutSheet onClose={() => setOpen(false)} /> : null;
}
