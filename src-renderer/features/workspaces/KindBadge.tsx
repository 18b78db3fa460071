/**
 * "Team" or "Solo", as a small pill next to a workspace's name.
 */
import type { ReactNode } from 'react';
import type { WorkspaceKind } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';

interface KindBadgeProps {
  kind: WorkspaceKind;
  testId?: string;
}

export function KindBadge({ kind, testId }: KindBadgeProps): ReactNode {
  const t = useT();
  return (
    <span className={`badge badge--${kind}`} data-testid={testId}>
      {t(kind === 'team' ? 'workspace.badge.team' : 'workspace.badge.solo')}
    </span>
  );
}
