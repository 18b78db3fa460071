/**
 * What a device shows for a workspace an owner erased from its relay (sync
 * reason `removed`), whether it was online then (the socket closed with
 * 4411) or came back later (the relay's tombstone answers the same): when
 * it happened, that this device's copy is kept, and the two ways on — keep
 * it as a local workspace (`workspace.unlinkRelay`: it stops being linked,
 * nothing of it is deleted) or delete the copy on this device (the delete
 * dialog, which no longer offers to erase it from the relay).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { WorkspaceSyncStatus } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { FormError } from '../../lib/ui/TextField';
import { erasedDate } from './syncStatusText';

interface ErasedFromRelayNoticeProps {
  status: WorkspaceSyncStatus;
  onStatus(status: WorkspaceSyncStatus): void;
  /** Opens the dialog that deletes the copy on this device. */
  onDeleteLocal(): void;
}

export function ErasedFromRelayNotice({ status, onStatus, onDeleteLocal }: ErasedFromRelayNoticeProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const date = erasedDate(status, locale);

  async function keepLocal(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      onStatus(await api.invoke('workspace.unlinkRelay', { id: status.workspaceId }));
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <div className="sync-erased" role="status" data-testid="sync-erased">
      <p className="sync-erased__lead">{date ? t('sync.erased.body', { date }) : t('sync.erased.bodyNoDate')}</p>
      <p className="field__hint">{t('sync.erased.choices')}</p>
      {error ? <FormError message={error} testId="sync-erased-error" /> : null}
      <div className="form__actions">
        <button type="button" className="button button--danger" onClick={onDeleteLocal} data-testid="sync-erased-delete">
          {t('sync.erased.delete')}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void keepLocal()} data-testid="sync-erased-keep">
          {t('sync.erased.keep')}
        </button>
      </div>
    </div>
  );
}
