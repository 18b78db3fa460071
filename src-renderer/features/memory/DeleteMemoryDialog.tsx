/** Asks before deleting a memory: it goes for good, from every synced device. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Memory } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { FormError } from '../../lib/ui/TextField';

interface DeleteMemoryDialogProps {
  memory: Memory;
  dhName: string;
  onDelete(memory: Memory): Promise<void>;
  onClose(): void;
}

export function DeleteMemoryDialog({ memory, dhName, onDelete, onClose }: DeleteMemoryDialogProps): ReactNode {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm(): Promise<void> {
    setBusy(true);
    try {
      await onDelete(memory);
      onClose();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('memory.delete.title')} description={t('memory.delete.body', { name: dhName })} onClose={onClose} testId="delete-memory-dialog" size="small" tone="danger">
      <blockquote className="delete-preview">{memory.text.length > 280 ? `${memory.text.slice(0, 280)}…` : memory.text}</blockquote>
      {error ? <FormError message={error} testId="delete-memory-error" /> : null}
      <DialogFooter>
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy} data-autofocus data-testid="delete-memory-confirm">
          {t('memory.delete.confirm')}
        </button>
      </DialogFooter>
    </Dialog>
  );
}
