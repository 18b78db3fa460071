/**
 * "Create a channel": a name (shown as it will be stored: lowercase, spaces
 * become dashes), an optional topic, and whether it is private. The core's
 * refusal (a name taken, bad characters) shows under the name.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Room } from '../../../../src-main/common/contract';
import { errorMessage } from '../../../lib/errorMessage';
import { useT } from '../../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../../lib/ui/Dialog';
import { TextField } from '../../../lib/ui/TextField';
import type { RoomCommands } from '../data/useRoomCommands';

interface CreateChannelDialogProps {
  commands: RoomCommands;
  onCreated(room: Room): void;
  onClose(): void;
}

/** The name as the core will store it. */
function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-');
}

export function CreateChannelDialog({ commands, onCreated, onClose }: CreateChannelDialogProps): ReactNode {
  const t = useT();
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const normalized = normalizeName(name);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (normalized === '') {
      setError(t('rooms.channel.nameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const room = await commands.create({ kind: 'channel', name: normalized, private: isPrivate, ...(topic.trim() ? { topic } : {}) });
      onCreated(room);
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('rooms.channel.createTitle')} description={t('rooms.channel.createDescription')} onClose={onClose} testId="create-channel-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('rooms.channel.name')}
          placeholder={t('rooms.channel.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint={normalized && normalized !== name ? t('rooms.channel.nameWillBe', { name: normalized }) : undefined}
          error={error}
          maxLength={80}
          testId="create-channel-name"
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label={t('rooms.topic.field')}
          placeholder={t('rooms.channel.topicPlaceholder')}
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
          maxLength={250}
          testId="create-channel-topic"
          autoComplete="off"
        />
        <label className="switch-row">
          <input type="checkbox" className="switch" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} data-testid="create-channel-private" />
          <span>
            <span className="switch-row__title">{t('rooms.channel.private')}</span>
            <span className="switch-row__hint">{t('rooms.channel.privateHint')}</span>
          </span>
        </label>
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="create-channel-submit">
            {t('rooms.channel.createSubmit')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
