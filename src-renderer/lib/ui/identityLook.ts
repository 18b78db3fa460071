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
import { isHexColor, readableTextOn } from './readableText';

export { contrastRatio } from './readableText';

export interface IdentityLook {
  background: string;
  foreground: string;
  initials: string;
}

/** The palette hue of a name. */
export function nameColor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return WORKSPACE_PALETTE[hash % WORKSPACE_PALETTE.length]?.hex ?? '#647084';
}

/** The look of someone called `name`, in their own colour when they have one. */
export function identityLook(name: string, color?: string | null): IdentityLook {
  const background = color && isHexColor(color) ? color : nameColor(name);
  return { background, foreground: readableTextOn(background), initials: workspaceInitials(name) };
}
