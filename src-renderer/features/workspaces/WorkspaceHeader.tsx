/**
 * Top bar of the main area: the open workspace's avatar, name and kind, its
 * sync status, and its options menu.
 */
import type { MouseEvent, ReactNode } from 'react';
import type { Workspace, WorkspaceSyncStatus } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { MoreIcon } from '../../lib/ui/icons';
import type { MenuAnchor } from '../../lib/ui/Menu';
import { SyncStatusIndicator } from '../sync/SyncStatusIndicator';
import { KindBadge } from './KindBadge';
import { WorkspaceAvatar } from './WorkspaceAvatar';

interface WorkspaceHeaderProps {
  workspace: Workspace;
  syncStatus: WorkspaceSyncStatus;
  onMenu(workspace: Workspace, anchor: MenuAnchor): void;
  onSync(workspace: Workspace): void;
}

export function WorkspaceHeader({ workspace, syncStatus, onMenu, onSync }: WorkspaceHeaderProps): ReactNode {
  const t = useT();

  function openMenu(event: MouseEvent<HTMLButtonElement>): void {
    const rect = event.currentTarget.getBoundingClientRect();
    onMenu(workspace, { x: rect.left, y: rect.bottom + 6 });
  }

  return (
    <header className="main-header">
      <WorkspaceAvatar name={workspace.name} color={workspace.color} icon={workspace.icon} size="small" />
      <h1 className="main-header__title" data-testid="workspace-title">
        {workspace.name}
      </h1>
      <KindBadge kind={workspace.kind} testId="workspace-kind" />
      <span className="main-header__spacer" />
      <SyncStatusIndicator status={syncStatus} onOpen={() => onSync(workspace)} />
      <button
        type="button"
        className="icon-button"
        aria-label={t('workspace.header.options')}
        aria-haspopup="menu"
        onClick={openMenu}
        data-testid="workspace-header-menu"
      >
        <MoreIcon />
      </button>
    </header>
  );
}
