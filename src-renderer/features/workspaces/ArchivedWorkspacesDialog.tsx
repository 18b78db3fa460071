/**
 * The archived workspaces, hidden from the rail: each can be brought back
 * (unarchived) or deleted for good.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Workspace } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog } from '../../lib/ui/Dialog';
import { ArchiveIcon } from '../../lib/ui/icons';
import { FormError } from '../../lib/ui/TextField';
import { KindBadge } from './KindBadge';
import { WorkspaceAvatar } from './WorkspaceAvatar';

interface ArchivedWorkspacesDialogProps {
  workspaces: Workspace[];
  onUnarchive(id: string): Promise<void>;
  onDelete(workspace: Workspace): void;
  onClose(): void;
}

export function ArchivedWorkspacesDialog({ workspaces, onUnarchive, onDelete, onClose }: ArchivedWorkspacesDialogProps): ReactNode {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const archived = workspaces.filter((w) => w.archived);

  async function unarchive(id: string): Promise<void> {
    setBusyId(id);
    setError(null);
    try {
      await onUnarchive(id);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <Dialog title={t('workspace.archived.title')} description={t('workspace.archived.description')} onClose={onClose} testId="archived-dialog">
      {archived.length === 0 ? (
        <div className="archived-empty" data-testid="archived-empty">
          <ArchiveIcon width={28} height={28} />
          <p>{t('workspace.archived.empty')}</p>
        </div>
      ) : (
        <ul className="archived-list">
          {archived.map((workspace) => (
            <li key={workspace.id} className="archived-list__item" data-testid={`archived-workspace-${workspace.id}`}>
              <WorkspaceAvatar name={workspace.name} color={workspace.color} icon={workspace.icon} size="small" />
              <span className="archived-list__text">
                <span className="archived-list__name">{workspace.name}</span>
                <KindBadge kind={workspace.kind} />
              </span>
              <span className="archived-list__actions">
                <button
                  type="button"
                  className="button button--small"
                  disabled={busyId === workspace.id}
                  onClick={() => void unarchive(workspace.id)}
                  data-testid={`unarchive-${workspace.id}`}
                >
                  {t('workspace.archived.unarchive')}
                </button>
                <button
                  type="button"
                  className="button button--small button--ghost-danger"
                  onClick={() => onDelete(workspace)}
                  data-testid={`archived-delete-${workspace.id}`}
                >
                  {t('workspace.archived.delete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {error ? <FormError message={error} testId="archived-error" /> : null}
    </Dialog>
  );
}
