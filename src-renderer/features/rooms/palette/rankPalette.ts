/**
 * What the palette shows for a query: fuzzy matches ranked by score, kept
 * together by group, the group holding the best match first; a few items per
 * group so every kind of result stays in sight. With nothing typed, the
 * first items of each group in their own order.
 */
import { foldText } from '../composer/matchMentions';
import { prepareItems, rankPrepared, type Prepared } from './fuzzyScore';
import { PALETTE_GROUPS, type PaletteGroup, type PaletteItem } from './paletteTypes';

/** Matches considered before grouping (far more than are shown). */
const RANKED = 400;

function capOf(group: PaletteGroup, typed: boolean): number {
  if (group === 'actions') return 8;
  return typed ? 5 : 4;
}

/** Folds the items' search text once (label, detail and keywords). */
export function preparePalette(items: readonly PaletteItem[]): Prepared<PaletteItem>[] {
  return prepareItems(items, (item) => `${item.label} ${item.detail ?? ''} ${item.keywords ?? ''}`);
}

/** The items to show for `query`, in display order. */
export function rankPalette(prepared: readonly Prepared<PaletteItem>[], query: string): PaletteItem[] {
  const typed = foldText(query.trim()) !== '';
  const byGroup = new Map<PaletteGroup, PaletteItem[]>();
  const order: PaletteGroup[] = [];
  const add = (item: PaletteItem): void => {
    let list = byGroup.get(item.group);
    if (!list) {
      list = [];
      byGroup.set(item.group, list);
      order.push(item.group);
    }
    if (list.length < capOf(item.group, typed)) list.push(item);
  };
  if (typed) {
    for (const item of rankPrepared(prepared, query, RANKED)) add(item);
  } else {
    for (const { item } of prepared) add(item);
    order.sort((a, b) => PALETTE_GROUPS.indexOf(a) - PALETTE_GROUPS.indexOf(b));
  }
  return order.flatMap((group) => byGroup.get(group) ?? []);
}
