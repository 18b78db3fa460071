/** The palette's listbox: the shown items under their group headings, one of them selected. */
import type { ReactNode } from 'react';
import { useT } from '../../../lib/i18n/I18nProvider';
import { PALETTE_GROUP_LABELS, type PaletteGroup, type PaletteItem } from './paletteTypes';

interface PaletteListProps {
  listId: string;
  shown: readonly PaletteItem[];
  selected: number;
  /** The workspace's tasks, documents and profiles are still being read: more items may come. */
  busy?: boolean;
  onRun(item: PaletteItem): void;
  onSelect(index: number): void;
}

export function PaletteList({ listId, shown, selected, busy = false, onRun, onSelect }: PaletteListProps): ReactNode {
  const t = useT();
  const groups: { group: PaletteGroup; items: { item: PaletteItem; index: number }[] }[] = [];
  shown.forEach((item, index) => {
    const last = groups[groups.length - 1];
    if (last?.group === item.group) last.items.push({ item, index });
    else groups.push({ group: item.group, items: [{ item, index }] });
  });
  return (
    <div id={listId} role="listbox" className="command-palette__list" aria-label={t('rooms.palette.title')} aria-busy={busy || undefined}>
      {shown.length === 0 ? <p className="command-palette__empty">{t('rooms.palette.empty')}</p> : null}
      {groups.map(({ group, items }) => (
        <div key={group} role="group" aria-label={t(PALETTE_GROUP_LABELS[group])}>
          <div className="command-palette__group" aria-hidden="true">
            {t(PALETTE_GROUP_LABELS[group])}
          </div>
          {items.map(({ item, index }) => (
            <div
              key={item.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === selected}
              className="command-palette__item"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onRun(item)}
              onMouseMove={() => onSelect(index)}
              data-testid={`palette-item-${item.id}`}
            >
              <span className="command-palette__icon" aria-hidden="true">
                {item.icon}
              </span>
              <span className="command-palette__label">{item.label}</span>
              {item.detail ? <span className="command-palette__detail">{item.detail}</span> : null}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
