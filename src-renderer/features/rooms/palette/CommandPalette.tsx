/**
 * The command palette (Ctrl/⌘+K): one field that finds rooms, people,
 * digital humans, tasks, documents, workspaces, settings pages and actions
 * by fuzzy match; ↑/↓ choose, Enter runs, Esc or a
 * click outside closes. The field is a combobox over a grouped listbox.
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../../lib/i18n/I18nProvider';
import { SearchIcon } from '../../../lib/ui/roomIcons';
import { trapTab, useInitialFocus } from '../../../lib/ui/useFocusTrap';
import { PaletteList } from './PaletteList';
import type { PaletteItem } from './paletteTypes';
import { preparePalette, rankPalette } from './rankPalette';
import { usePaletteRecords } from './usePaletteRecords';

export type { PaletteGroup, PaletteItem } from './paletteTypes';

interface CommandPaletteProps {
  items: readonly PaletteItem[];
  /** The workspace whose tasks and documents are found too. */
  workspaceId?: string;
  onClose(): void;
}

export function CommandPalette({ items, workspaceId, onClose }: CommandPaletteProps): ReactNode {
  const t = useT();
  const listId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useInitialFocus(ref);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);

  const records = usePaletteRecords(workspaceId ?? null);
  // Folded once per item list; each keystroke only scores.
  const prepared = useMemo(() => preparePalette(records && records.length > 0 ? [...items, ...records] : items), [items, records]);
  const shown = useMemo(() => rankPalette(prepared, query), [prepared, query]);

  function run(item: PaletteItem | undefined): void {
    if (!item) return;
    onClose();
    item.run();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const count = shown.length;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && count > 0) {
      setSelected((i) => (i + (event.key === 'ArrowDown' ? 1 : -1) + count) % count);
    } else if (event.key === 'Enter') {
      run(shown[selected]);
    } else if (event.key === 'Escape') {
      onClose();
    } else if (event.key === 'Tab') {
      trapTab(event.nativeEvent, event.currentTarget);
      return;
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  return createPortal(
    <div className="dialog-backdrop dialog-backdrop--top" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className="command-palette" role="dialog" aria-modal="true" aria-label={t('rooms.palette.title')} onKeyDown={onKeyDown} data-testid="command-palette">
        <div className="command-palette__field">
          <SearchIcon width={18} height={18} aria-hidden="true" />
          <input
            className="command-palette__input"
            value={query}
            placeholder={t('palette.placeholder')}
            aria-label={t('rooms.palette.title')}
            role="combobox"
            aria-expanded
            aria-controls={listId}
            aria-activedescendant={shown.length > 0 ? `${listId}-${selected}` : undefined}
            onChange={(e) => {
              setQuery(e.target.value);
              setSelected(0);
            }}
            spellCheck={false}
            data-testid="palette-input"
          />
        </div>
        <PaletteList listId={listId} shown={shown} selected={selected} busy={records === null} onRun={run} onSelect={setSelected} />
        <footer className="command-palette__footer" aria-hidden="true">
          <span>
            <kbd>↑</kbd>
            <kbd>↓</kbd> {t('rooms.palette.navigate')}
          </span>
          <span>
            <kbd>↵</kbd> {t('rooms.palette.open')}
          </span>
          <span>
            <kbd>Esc</kbd> {t('rooms.palette.close')}
          </span>
        </footer>
      </div>
    </div>,
    document.body,
  );
}
