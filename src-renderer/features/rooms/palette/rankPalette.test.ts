import { describe, expect, it } from 'vitest';
import type { PaletteItem } from './paletteTypes';
import { preparePalette, rankPalette } from './rankPalette';

function item(id: string, group: PaletteItem['group'], label: string, keywords?: string): PaletteItem {
  return { id, group, label, keywords, icon: null, run: () => undefined };
}

const ITEMS: PaletteItem[] = [
  item('r1', 'rooms', '#acme-reports'),
  item('r2', 'rooms', '#general'),
  item('d1', 'dhs', 'Nova'),
  item('t1', 'tasks', 'Draft the Acme quarterly report'),
  item('k1', 'documents', 'Acme brief'),
  item('s1', 'settings', 'Model provider', 'model provider connection api key'),
  item('a1', 'actions', 'Connect a model'),
  item('a2', 'actions', 'New digital human'),
];

describe('rankPalette', () => {
  it('shows the first items of every group, in group order, when nothing is typed', () => {
    expect(rankPalette(preparePalette(ITEMS), '').map((i) => i.id)).toEqual(['r1', 'r2', 'd1', 't1', 'k1', 's1', 'a1', 'a2']);
  });

  it('finds tasks, documents, settings and actions by fuzzy match, the best group first', () => {
    const prepared = preparePalette(ITEMS);
    expect(rankPalette(prepared, 'quarterly').map((i) => i.id)).toEqual(['t1']);
    expect(rankPalette(prepared, 'acme').map((i) => i.id)).toEqual(expect.arrayContaining(['r1', 't1', 'k1']));
    expect(rankPalette(prepared, 'api key').map((i) => i.id)).toEqual(['s1']);
    expect(rankPalette(prepared, 'connect model').map((i) => i.id)).toEqual(['a1']);
    expect(rankPalette(prepared, 'nwdh').map((i) => i.id)).toEqual(['a2']);
    expect(rankPalette(prepared, 'zzzz')).toEqual([]);
  });

  it('keeps each group to a few items so every kind of result stays in sight', () => {
    const many = [...Array.from({ length: 50 }, (_, n) => item(`r${n}`, 'rooms', `#acme-${n}`)), item('t', 'tasks', 'acme task')];
    const shown = rankPalette(preparePalette(many), 'acme');
    expect(shown.filter((i) => i.group === 'rooms')).toHaveLength(5);
    expect(shown.map((i) => i.id)).toContain('t');
  });
});
