/** The archived digital humans of a workspace, to restore, edit or delete. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { DigitalHuman } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog } from '../../lib/ui/Dialog';
import { FormError } from '../../lib/ui/TextField';
import { PersonAvatar } from '../rooms/timeline/PersonAvatar';

interface ArchivedDhDialogProps {
  workspaceId: string;
  archived: readonly DigitalHuman[];
  onRestored(dh: DigitalHuman): void;
  onEdit(dh: DigitalHuman): void;
  onDelete(dh: DigitalHuman): void;
  onClose(): void;
}

export function ArchivedDhDialog({ workspaceId, archived, onRestored, onEdit, onDelete, onClose }: ArchivedDhDialogProps): ReactNode {
  const t = useT();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function restore(dh: DigitalHuman): Promise<void> {
    setBusyId(dh.id);
    setError(null);
    try {
      onRestored(await api.invoke('dh.archive', { workspaceId, dhId: dh.id, archived: false }));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <Dialog title={t('dh.archived.title')} description={t('dh.archived.description')} onClose={onClose} testId="archived-dh-dialog">
      {archived.length === 0 ? (
        <div className="archived-empty">
          <p>{t('dh.archived.empty')}</p>
        </div>
      ) : (
        <ul className="archived-list">
          {archived.map((dh) => (
            <li key={dh.id} className="archived-list__item" data-testid={`archived-dh-${dh.id}`}>
              <PersonAvatar name={dh.name} color={dh.color} digitalHuman />
              <span className="archived-list__text">
                <span className="archived-list__name">{dh.name}</span>
                <span className="field__hint">@{dh.mentionHandle}</span>
              </span>
              <span className="archived-list__actions">
                <button type="button" className="button button--small" disabled={busyId === dh.id} onClick={() => void restore(dh)} data-testid={`restore-dh-${dh.id}`}>
                  {t('dh.restore')}
                </button>
                <button type="button" className="button button--small" onClick={() => onEdit(dh)}>
                  {t('dh.menu.edit')}
                </button>
                <button type="button" className="button button--small button--ghost-danger" onClick={() => onDelete(dh)}>
                  {t('dh.delete.open')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {error ? <FormError message={error} testId="archived-dh-error" /> : null}
    </Dialog>
  );
}
