/** Asks before deleting a message (it leaves a tombstone; its thread stays). */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Message } from '../../../../src-main/common/contract';
import { errorMessage } from '../../../lib/errorMessage';
import { useT } from '../../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../../lib/ui/Dialog';
import { FormError } from '../../../lib/ui/TextField';

interface DeleteMessageDialogProps {
  message: Message;
  onDelete(message: Message): Promise<unknown>;
  onClose(): void;
}

export function DeleteMessageDialog({ message, onDelete, onClose }: DeleteMessageDialogProps): ReactNode {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm(): Promise<void> {
    setBusy(true);
    try {
      await onDelete(message);
      onClose();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('rooms.delete.title')} description={t('rooms.delete.body')} onClose={onClose} testId="delete-message-dialog" size="small" tone="danger">
      <blockquote className="delete-preview">{message.text.length > 280 ? `${message.text.slice(0, 280)}…` : message.text}</blockquote>
      {error ? <FormError message={error} testId="delete-message-error" /> : null}
      <DialogFooter>
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} data-autofocus data-testid="delete-message-confirm">
          {t('rooms.delete.confirm')}
        </button>
      </DialogFooter>
    </Dialog>
  );
}
