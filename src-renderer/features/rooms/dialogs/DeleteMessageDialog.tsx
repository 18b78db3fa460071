/** Asks before deleting a message (it leaves a tombstone; its thread stays). */
import type { ReactNode } from 'react';
import type { Message } from '../../../../src-main/common/contract';
import { useT } from '../../../lib/i18n/I18nProvider';
import { ConfirmDeleteDialog } from '../../../lib/ui/ConfirmDeleteDialog';

interface DeleteMessageDialogProps {
  message: Message;
  onDelete(message: Message): Promise<unknown>;
  onClose(): void;
}

export function DeleteMessageDialog({ message, onDelete, onClose }: DeleteMessageDialogProps): ReactNode {
  const t = useT();
  return (
    <ConfirmDeleteDialog
      title={t('rooms.delete.title')}
      description={t('rooms.delete.body')}
      text={message.text}
      confirmLabel={t('rooms.delete.confirm')}
      testId="delete-message"
      onConfirm={() => onDelete(message)}
      onClose={onClose}
    />
  );
}
