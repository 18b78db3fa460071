/**
 * The colours offered for workspaces: the same ten hues the core assigns by
 * default (src-main/domain/workspaceColors.ts; duplicated because the
 * renderer may import only types from src-main), so a workspace created
 * without a colour still matches a swatch here.
 */
import type { MessageKey } from '../../lib/i18n/i18n';

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

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textColorOn(hex: string): '#ffffff' | '#111827' {
  const channel = (i: number): number => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#111827' : '#ffffff';
}
