/**
 * A person's or digital human's round avatar: their initials on their
 * colour (`identityLook`, the same everywhere), decorative only.
 */
import type { ReactNode } from 'react';
import { identityLook } from '../../../lib/ui/identityLook';

interface PersonAvatarProps {
  name: string;
  size?: 'tiny' | 'small' | 'medium';
  digitalHuman?: boolean;
  /** Their own colour, when they chose one (digital humans). */
  color?: string | null;
}

export function PersonAvatar({ name, size = 'medium', digitalHuman = false, color = null }: PersonAvatarProps): ReactNode {
  const look = identityLook(name, color);
  return (
    <span className={`person-avatar person-avatar--${size}${digitalHuman ? ' person-avatar--dh' : ''}`} style={{ backgroundColor: look.background, color: look.foreground }} aria-hidden="true">
      {look.initials.slice(0, size === 'tiny' ? 1 : 2)}
    </span>
  );
}
