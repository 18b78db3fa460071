/**
 * The colours offered for workspaces: the same ten hues the core assigns by
 * default (src-main/domain/workspaceColors.ts; duplicated because the
 * renderer may import only types from src-main), so a workspace created
 * without a colour still matches a swatch here.
 */
import type { MessageKey } from '../../lib/i18n/i18n';
import { readableTextOn } from '../../lib/ui/readableText';

export interface PaletteColor {
  hex: string;
  label: MessageKey;
}

export const WORKSPACE_PALETTE: readonly PaletteColor[] = [
  { hex: '#5b5bd6', label: 'color.indigo' },
  { hex: '#0d9488', label: 'color.teal' },
  { hex: '#e5484d', label: 'color.red' },
  { hex: '#f76b15', label: 'color.orange' },
  { hex: '#ad7f00', label: 'color.amber' },
  { hex: '#30a46c', label: 'color.green' },
  { hex: '#0090ff', label: 'color.blue' },
  { hex: '#8e4ec6', label: 'color.violet' },
  { hex: '#d6409f', label: 'color.pink' },
  { hex: '#647084', label: 'color.slate' },
];

/** The first palette colour no existing workspace uses yet (or the least used one). */
export function suggestColor(used: readonly string[]): string {
  const counts = new Map(WORKSPACE_PALETTE.map((c) => [c.hex, 0]));
  for (const hex of used) {
    const key = hex.toLowerCase();
    const count = counts.get(key);
    if (count !== undefined) counts.set(key, count + 1);
  }
  let best = WORKSPACE_PALETTE[0]?.hex ?? '#5b5bd6';
  let bestCount = Number.POSITIVE_INFINITY;
  for (const [hex, count] of counts) {
    if (count < bestCount) {
      best = hex;
      bestCount = count;
    }
  }
  return best;
}

/** White or near-black, whichever reads at 4.5:1 on `hex` (the same rule as avatars). */
export function textColorOn(hex: string): string {
  return readableTextOn(hex);
}
