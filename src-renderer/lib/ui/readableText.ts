/**
 * Text on a coloured background (avatars, workspace tiles, swatches): white
 * when it reads at 4.5:1 or better (WCAG AA), near-black otherwise.
 */

const HEX = /^#([0-9a-f]{6})$/i;
export const LIGHT_TEXT = '#ffffff';
export const DARK_TEXT = '#111318';

/** True for a `#rrggbb` colour. */
export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour (0 when it is not one). */
function luminance(hex: string): number {
  const match = HEX.exec(hex);
  if (!match) return 0;
  const n = Number.parseInt(match[1]!, 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The text colour that reads on `background`. */
export function readableTextOn(background: string): typeof LIGHT_TEXT | typeof DARK_TEXT {
  return contrastRatio(LIGHT_TEXT, background) >= 4.5 ? LIGHT_TEXT : DARK_TEXT;
}
