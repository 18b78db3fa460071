/**
 * The narrow column on the left: one tile per workspace on the
 * rail (archived ones excluded), "+" to create one, and at the bottom
 * importing a workspace from an export, the archived workspaces and the
 * settings.
 */
import { Suspense, useState, type ReactNode } from 'react';
import type { UnreadSummary, Workspace } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { ArchiveIcon, GearIcon, ImportIcon, PlusIcon } from '../../lib/ui/icons';
import { lazyNamed } from '../../lib/ui/lazyNamed';
import type { MenuAnchor } from '../../lib/ui/Menu';
import { WorkspaceTile } from './WorkspaceTile';

const ImportWorkspaceDialog = lazyNamed(() => import('../export/ImportWorkspaceDialog'), 'ImportWorkspaceDialog');

interface WorkspaceRailProps {
  workspaces: Workspace[];
  activeId: string | null;
  /** The workspace whose menu is open, if any. */
  menuId: string | null;
  archivedCount: number;
  /** Unread counts by workspace id, for the badges. */
  unread: ReadonlyMap<string, UnreadSummary>;
  /** Workspaces whose notifications are off on this device. */
  mutedIds: readonly string[];
  onOpen(id: string): void;
  onMenu(workspace: Workspace, anchor: MenuAnchor): void;
  onCreate(): void;
  onShowArchived(): void;
  onSettings(): void;
}

export function WorkspaceRail(props: WorkspaceRailProps): ReactNode {
  const { workspaces, activeId, menuId, archivedCount, unread, mutedIds, onOpen, onMenu, onCreate, onShowArchived, onSettings } = props;
  const t = useT();
  const [importing, setImporting] = useState(false);
  const archivedLabel = archivedCount > 0 ? t('rail.archivedCount', { count: archivedCount }) : t('rail.archived');
  return (
    <nav className="rail" aria-label={t('rail.label')} data-testid="workspace-rail">
      <ul className="rail__list">
        {workspaces.map((workspace, i) => (
          <WorkspaceTile
            key={workspace.id}
            workspace={workspace}
            position={i + 1}
            active={workspace.id === activeId}
            menuOpen={workspace.id === menuId}
            unread={unread.get(workspace.id) ?? null}
            muted={mutedIds.includes(workspace.id)}
            onOpen={onOpen}
            onMenu={onMenu}
          />
        ))}
        <li className="rail__item">
          <button type="button" className="tile tile--action" aria-label={t('rail.create')} title={t('rail.create')} onClick={onCreate} data-testid="create-workspace">
            <PlusIcon />
          </button>
        </li>
      </ul>
      <div className="rail__footer">
        <button type="button" className="rail__tool" aria-label={t('rail.import')} title={t('rail.import')} onClick={() => setImporting(true)} data-testid="import-workspace">
          <ImportIcon />
        </button>
        <button
          type="button"
          className="rail__tool"
          aria-label={archivedLabel}
          title={archivedLabel}
          onClick={onShowArchived}
          data-testid="archived-toggle"
        >
          <ArchiveIcon />
          {archivedCount > 0 ? <span className="rail__count" aria-hidden="true">{archivedCount}</span> : null}
        </button>
        <button
          type="button"
          className="rail__tool"
          aria-label={t('rail.settings')}
          title={t('rail.settings')}
          aria-keyshortcuts="Control+, Meta+,"
          onClick={() => onSettings()}
          data-testid="open-settings"
        >
          <GearIcon />
        </button>
      </div>
      {importing ? (
        <Suspense fallback={null}>
          <ImportWorkspaceDialog onClose={() => setImporting(false)} onImported={(w) => onOpen(w.id)} />
        </Suspense>
      ) : null}
    </nav>
  );
}
