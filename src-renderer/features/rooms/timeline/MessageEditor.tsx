/** Edits a message in place: Enter saves, Esc cancels, with the same completions as the composer. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Message } from '../../../../src-main/common/contract';
import { errorMessage } from '../../../lib/errorMessage';
import { useT } from '../../../lib/i18n/I18nProvider';
import { MessageInput } from '../composer/MessageInput';
import { useMessageContext } from './MessageContext';

interface MessageEditorProps {
  message: Message;
}

export function MessageEditor({ message }: MessageEditorProps): ReactNode {
  const t = useT();
  const { actions, candidates, roomNames } = useMessageContext();
  const [text, setText] = useState(message.text);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function save(): void {
    if (busy) return;
    if (text.trim() === '' || text === message.text) {
      actions.stopEdit();
      return;
    }
    setBusy(true);
    actions.saveEdit(message, text).then(
      () => actions.stopEdit(),
      (err: unknown) => {
        setBusy(false);
        setError(errorMessage(err, t));
      },
    );
  }

  return (
    <div className="msg-editor" data-testid="message-editor">
      <MessageInput
        value={text}
        onChange={setText}
        onSubmit={save}
        onCancel={actions.stopEdit}
        candidates={candidates}
        roomNames={roomNames}
        placeholder={t('rooms.message.editPlaceholder')}
        label={t('rooms.message.edit')}
        testId="message-editor-input"
        autoFocus
      />
      <div className="msg-editor__footer">
        {error ? (
          <span className="form-error" role="alert">
            {error}
          </span>
        ) : (
          <span className="msg-editor__hint">{t('rooms.message.editHint')}</span>
        )}
        <button type="button" className="button button--small" onClick={actions.stopEdit}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button--small button--primary" onClick={save} disabled={busy} data-testid="message-editor-save">
          {t('common.save')}
        </button>
      </div>
    </div>
  );
}
