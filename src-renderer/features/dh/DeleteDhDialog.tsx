/**
 * Deleting a digital human for good: its memories, tasks and knowledge go
 * with it, on every device of the workspace. Confirmed by typing its name.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { DigitalHuman } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { TextField } from '../../lib/ui/TextField';

interface DeleteDhDialogProps {
  workspaceId: string;
  dh: DigitalHuman;
  onDeleted(): void;
  onClose(): void;
}

export function DeleteDhDialog({ workspaceId, dh, onDeleted, onClose }: DeleteDhDialogProps): ReactNode {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy || typed !== dh.name) return;
    setBusy(true);
    try {
      await api.invoke('dh.delete', { workspaceId, dhId: dh.id });
      onDeleted();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('dh.delete.title', { name: dh.name })} onClose={onClose} testId="delete-dh-dialog" size="small" tone="danger">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="callout callout--danger">
          <p>{t('dh.delete.warning')}</p>
        </div>
        <TextField label={t('dh.delete.confirm', { name: dh.name })} value={typed} onChange={(e) => setTyped(e.target.value)} error={error} testId="delete-dh-name" autoComplete="off" />
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={busy || typed !== dh.name} data-testid="delete-dh-confirm">
            {t('dh.delete.submit')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
