/**
 * The actions menu of one workspace (from a rail tile or the header):
 * rename, colour and icon, sync, notifications on or off, export, archive
 * or unarchive, delete.
 */
import type { ReactNode } from 'react';
import type { Workspace } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { Menu } from '../../lib/ui/Menu';
import type { MenuAnchor } from '../../lib/ui/Menu';

interface WorkspaceMenuProps {
  workspace: Workspace;
  anchor: MenuAnchor;
  onClose(): void;
  onRename(workspace: Workspace): void;
  onAppearance(workspace: Workspace): void;
  onSync(workspace: Workspace): void;
  onExport(workspace: Workspace): void;
  /** Whether its notifications are off on this device. */
  muted: boolean;
  onSetMuted(workspace: Workspace, muted: boolean): void;
  onSetArchived(workspace: Workspace, archived: boolean): void;
  onDelete(workspace: Workspace): void;
}

export function WorkspaceMenu(props: WorkspaceMenuProps): ReactNode {
  const { workspace, anchor, onClose, onRename, onAppearance, onSync, onExport, muted, onSetMuted, onSetArchived, onDelete } = props;
  const t = useT();
  return (
    <Menu
      label={t('workspace.menu.label', { name: workspace.name })}
      anchor={anchor}
      onClose={onClose}
      testId="workspace-menu"
      items={[
        { id: 'rename', label: t('workspace.menu.rename'), onSelect: () => onRename(workspace), testId: 'workspace-menu-rename' },
        {
          id: 'appearance',
          label: t('workspace.menu.appearance'),
          onSelect: () => onAppearance(workspace),
          testId: 'workspace-menu-appearance',
        },
        { id: 'sync', label: t('workspace.menu.sync'), onSelect: () => onSync(workspace), testId: 'workspace-menu-sync' },
        {
          id: 'mute',
          label: t(muted ? 'workspace.menu.unmute' : 'workspace.menu.mute'),
          onSelect: () => onSetMuted(workspace, !muted),
          testId: 'workspace-menu-mute',
        },
        { id: 'export', label: t('workspace.menu.export'), onSelect: () => onExport(workspace), testId: 'workspace-menu-export' },
        workspace.archived
          ? {
              id: 'unarchive',
              label: t('workspace.menu.unarchive'),
              onSelect: () => onSetArchived(workspace, false),
              testId: 'workspace-menu-unarchive',
            }
          : {
              id: 'archive',
              label: t('workspace.menu.archive'),
              onSelect: () => onSetArchived(workspace, true),
              testId: 'workspace-menu-archive',
            },
        {
          id: 'delete',
          label: t('workspace.menu.delete'),
          onSelect: () => onDelete(workspace),
          tone: 'danger',
          separated: true,
          testId: 'workspace-menu-delete',
        },
      ]}
    />
  );
}
