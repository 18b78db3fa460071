/**
 * Where a connector stands, as a small coloured pill with its word (the
 * colour is never the only sign).
 */
import type { ReactNode } from 'react';
import { CheckIcon, WarningIcon } from '../../lib/ui/icons';

export type StatusTone = 'ok' | 'warn' | 'bad' | 'busy' | 'idle';

export function StatusPill({ tone, label, testId }: { tone: StatusTone; label: string; testId: string }): ReactNode {
  return (
    <span className={`status-pill connector-pill connector-pill--${tone}`} data-testid={testId} data-tone={tone}>
      {tone === 'ok' ? <CheckIcon width={14} height={14} aria-hidden="true" /> : null}
      {tone === 'warn' || tone === 'bad' ? <WarningIcon width={14} height={14} aria-hidden="true" /> : null}
      {label}
    </span>
  );
}
