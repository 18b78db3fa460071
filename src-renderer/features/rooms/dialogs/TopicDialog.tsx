/** Edits a channel's topic (one line; empty removes it). */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Room } from '../../../../src-main/common/contract';
import { errorMessage } from '../../../lib/errorMessage';
import { useT } from '../../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../../lib/ui/Dialog';
import { TextField } from '../../../lib/ui/TextField';

interface TopicDialogProps {
  room: Room;
  onSave(topic: string): Promise<unknown>;
  onClose(): void;
}

export function TopicDialog({ room, onSave, onClose }: TopicDialogProps): ReactNode {
  const t = useT();
  const [topic, setTopic] = useState(room.topic);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await onSave(topic);
      onClose();
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('rooms.topic.title', { name: room.name })} onClose={onClose} testId="topic-dialog" size="small">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField label={t('rooms.topic.field')} value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={250} error={error} testId="topic-input" autoComplete="off" />
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="topic-save">
            {t('common.save')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
