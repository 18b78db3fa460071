/** Asks before deleting a memory: it goes for good, from every synced device. */
import type { ReactNode } from 'react';
import type { Memory } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { ConfirmDeleteDialog } from '../../lib/ui/ConfirmDeleteDialog';

interface DeleteMemoryDialogProps {
  memory: Memory;
  dhName: string;
  onDelete(memory: Memory): Promise<void>;
  onClose(): void;
}

export function DeleteMemoryDialog({ memory, dhName, onDelete, onClose }: DeleteMemoryDialogProps): ReactNode {
  const t = useT();
  return (
    <ConfirmDeleteDialog
      title={t('memory.delete.title')}
      description={t('memory.delete.body', { name: dhName })}
      text={memory.text}
      confirmLabel={t('memory.delete.confirm')}
      testId="delete-memory"
      onConfirm={() => onDelete(memory)}
      onClose={onClose}
    />
  );
}
