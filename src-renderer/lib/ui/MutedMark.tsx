/**
 * The mark of something whose notifications are off (a muted room or
 * workspace): a crossed-out bell, an image named by `label` (its tooltip
 * too), so it is never told by its look alone.
 */
import type { ReactNode } from 'react';
import { BellOffIcon } from './roomIcons';

interface MutedMarkProps {
  label: string;
  className: string;
  size?: number;
  testId?: string;
}

export function MutedMark({ label, className, size = 12, testId }: MutedMarkProps): ReactNode {
  return (
    <span className={className} role="img" aria-label={label} title={label} data-testid={testId}>
      <BellOffIcon width={size} height={size} aria-hidden="true" />
    </span>
  );
}
