/**
 * The colours offered for workspaces: ten saturated hues that all keep white
 * initials readable (contrast ≥ 4.5:1), distinct from each other on the rail.
 */
import type { MessageKey } from '../../lib/i18n/i18n';

export interface PaletteColor {
  hex: string;
  label: MessageKey;
}

export const WORKSPACE_PALETTE: readonly PaletteColor[] = [
  { hex: '#4f46e5', label: 'color.indigo' },
  { hex: '#7c3aed', label: 'color.violet' },
  { hex: '#db2777', label: 'color.pink' },
  { hex: '#dc2626', label: 'color.red' },
  { hex: '#c2410c', label: 'color.orange' },
  { hex: '#a16207', label: 'color.amber' },
  { hex: '#15803d', label: 'color.green' },
  { hex: '#0f766e', label: 'color.teal' },
  { hex: '#2563eb', label: 'color.blue' },
  { hex: '#475569', label: 'color.slate' },
];

/** The first palette colour no existing workspace uses yet (or the least used one). */
export function suggestColor(used: readonly string[]): string {
  const counts = new Map(WORKSPACE_PALETTE.map((c) => [c.hex, 0]));
  for (const hex of used) {
    const key = hex.toLowerCase();
    const count = counts.get(key);
    if (count !== undefined) counts.set(key, count + 1);
  }
  let best = WORKSPACE_PALETTE[0]?.hex ?? '#4f46e5';
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
