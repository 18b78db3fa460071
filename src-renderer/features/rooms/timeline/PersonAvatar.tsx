/**
 * A person's or digital human's round avatar: their initials on a colour
 * derived from their name (stable across devices), decorative only.
 */
import type { ReactNode } from 'react';
import { WORKSPACE_PALETTE } from '../../workspaces/workspacePalette';
import { workspaceInitials } from '../../workspaces/workspaceInitials';

interface PersonAvatarProps {
  name: string;
  size?: 'tiny' | 'small' | 'medium';
  digitalHuman?: boolean;
}

function colorOf(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return WORKSPACE_PALETTE[hash % WORKSPACE_PALETTE.length]?.hex ?? '#647084';
}

export function PersonAvatar({ name, size = 'medium', digitalHuman = false }: PersonAvatarProps): ReactNode {
  return (
    <span className={`person-avatar person-avatar--${size}${digitalHuman ? ' person-avatar--dh' : ''}`} style={{ backgroundColor: colorOf(name) }} aria-hidden="true">
      {workspaceInitials(name).slice(0, size === 'tiny' ? 1 : 2)}
    </span>
  );
}
