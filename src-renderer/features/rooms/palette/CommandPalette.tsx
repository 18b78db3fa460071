/**
 * The command palette (Ctrl/⌘+K): one field that finds rooms, people,
 * workspaces and actions by fuzzy match; ↑/↓ choose, Enter runs, Esc or a
 * click outside closes. The field is a combobox over a grouped listbox.
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../../lib/i18n/I18nProvider';
import type { MessageKey } from '../../../lib/i18n/i18n';
import { SearchIcon } from '../../../lib/ui/roomIcons';
import { trapTab, useInitialFocus } from '../../../lib/ui/useFocusTrap';
import { rankItems } from './fuzzyScore';

export type PaletteGroup = 'rooms' | 'people' | 'workspaces' | 'actions';

export interface PaletteItem {
  id: string;
  group: PaletteGroup;
  label: string;
  detail?: string;
  icon: ReactNode;
  run(): void;
}

interface CommandPaletteProps {
  items: readonly PaletteItem[];
  onClose(): void;
}

const GROUPS: readonly PaletteGroup[] = ['rooms', 'people', 'workspaces', 'actions'];
const GROUP_LABELS: Record<PaletteGroup, MessageKey> = {
  rooms: 'rooms.palette.rooms',
  people: 'rooms.palette.people',
  workspaces: 'rooms.palette.workspaces',
  actions: 'rooms.palette.actions',
};

export function CommandPalette({ items, onClose }: CommandPaletteProps): ReactNode {
  const t = useT();
  const listId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useInitialFocus(ref);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);

  // Grouped in a fixed order; within a group, best match first.
  const shown = useMemo(() => {
    const ranked = rankItems(items, query, (item) => `${item.label} ${item.detail ?? ''}`, 60);
    return GROUPS.flatMap((group) => ranked.filter((item) => item.group === group).slice(0, query ? 8 : group === 'actions' ? 8 : 6));
  }, [items, query]);

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

  let index = -1;
  return createPortal(
    <div className="dialog-backdrop dialog-backdrop--top" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className="palette" role="dialog" aria-modal="true" aria-label={t('rooms.palette.title')} onKeyDown={onKeyDown} data-testid="command-palette">
        <div className="palette__field">
          <SearchIcon width={18} height={18} aria-hidden="true" />
          <input
            className="palette__input"
            value={query}
            placeholder={t('rooms.palette.placeholder')}
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
        <div id={listId} role="listbox" className="palette__list" aria-label={t('rooms.palette.title')}>
          {shown.length === 0 ? <p className="palette__empty">{t('rooms.palette.empty')}</p> : null}
          {GROUPS.map((group) => {
            const inGroup = shown.filter((item) => item.group === group);
            if (inGroup.length === 0) return null;
            return (
              <div key={group} role="group" aria-label={t(GROUP_LABELS[group])}>
                <div className="palette__group" aria-hidden="true">
                  {t(GROUP_LABELS[group])}
                </div>
                {inGroup.map((item) => {
                  index += 1;
                  const i = index;
                  return (
                    <div
                      key={item.id}
                      id={`${listId}-${i}`}
                      role="option"
                      aria-selected={i === selected}
                      className="palette__item"
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => run(item)}
                      onMouseMove={() => setSelected(i)}
                      data-testid={`palette-item-${item.id}`}
                    >
                      <span className="palette__icon" aria-hidden="true">
                        {item.icon}
                      </span>
                      <span className="palette__label">{item.label}</span>
                      {item.detail ? <span className="palette__detail">{item.detail}</span> : null}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
        <footer className="palette__footer" aria-hidden="true">
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
