/**
 * How a person or a digital human looks wherever they appear (sidebar,
 * messages, palette, pickers): one colour and one set of initials. The
 * colour is the one they chose when they have one (digital humans do),
 * otherwise a palette hue derived from their name, stable across devices.
 * The initials' colour is white or near-black, whichever reads at 4.5:1 or
 * better on that background (WCAG AA).
 */
import { WORKSPACE_PALETTE } from '../../features/workspaces/workspacePalette';
import { workspaceInitials } from '../../features/workspaces/workspaceInitials';

export interface IdentityLook {
  background: string;
  foreground: string;
  initials: string;
}

const LIGHT = '#ffffff';
const DARK = '#111318';
const HEX = /^#([0-9a-f]{6})$/i;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour (null when it is not one). */
function luminance(hex: string): number | null {
  const match = HEX.exec(hex);
  if (!match) return null;
  const n = Number.parseInt(match[1]!, 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a) ?? 0;
  const lb = luminance(b) ?? 0;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The palette hue of a name. */
export function nameColor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return WORKSPACE_PALETTE[hash % WORKSPACE_PALETTE.length]?.hex ?? '#647084';
}

/** The look of someone called `name`, in their own colour when they have one. */
export function identityLook(name: string, color?: string | null): IdentityLook {
  const background = color && HEX.test(color) ? color : nameColor(name);
  const foreground = contrastRatio(LIGHT, background) >= 4.5 ? LIGHT : DARK;
  return { background, foreground, initials: workspaceInitials(name) };
}
