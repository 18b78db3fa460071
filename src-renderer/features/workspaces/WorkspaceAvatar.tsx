/**
 * The square, rounded badge of a workspace: its icon or initials on its colour.
 * Decorative: the name is always given next to it or by the parent's label.
 */
import type { ReactNode } from 'react';
import { textColorOn } from './workspacePalette';
import { workspaceInitials } from './workspaceInitials';

interface WorkspaceAvatarProps {
  name: string;
  color: string;
  icon: string | null;
  size?: 'small' | 'medium' | 'large' | 'huge';
}

export function WorkspaceAvatar({ name, color, icon, size = 'medium' }: WorkspaceAvatarProps): ReactNode {
  return (
    <span
      className={`avatar avatar--${size}${icon ? ' avatar--icon' : ''}`}
      style={{ backgroundColor: color, color: textColorOn(color) }}
      aria-hidden="true"
    >
      {icon ?? workspaceInitials(name)}
    </span>
  );
}
