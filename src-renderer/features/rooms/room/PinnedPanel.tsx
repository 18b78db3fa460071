/** The pinned messages of a room, beside it; choosing one scrolls the room to it. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Message, Room } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { errorMessage } from '../../../lib/errorMessage';
import { useLocale, useT } from '../../../lib/i18n/I18nProvider';
import { MarkdownView } from '../../../lib/markdown/MarkdownView';
import type { MarkdownReferences } from '../../../lib/markdown/MarkdownView';
import { CloseIcon } from '../../../lib/ui/icons';
import { formatWhen } from '../timeline/formatTime';

interface PinnedPanelProps {
  workspaceId: string;
  room: Room;
  references: MarkdownReferences;
  onOpen(message: Message): void;
  onClose(): void;
}

export function PinnedPanel({ workspaceId, room, references, onOpen, onClose }: PinnedPanelProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [pinned, setPinned] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pinKey = room.pinnedMessageIds.join(',');

  useEffect(() => {
    let cancelled = false;
    api.invoke('message.pinned', { workspaceId, roomId: room.id }).then(
      (list) => {
        if (!cancelled) setPinned(list);
      },
      (err: unknown) => {
        if (!cancelled) setError(errorMessage(err, t));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, room.id, pinKey, t]);

  return (
    <aside className="side-panel" aria-label={t('rooms.pinned.title')} data-testid="pinned-panel">
      <header className="side-panel__header">
        <h2 className="side-panel__title">{t('rooms.pinned.title')}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <div className="side-panel__body">
        {error ? <p className="form-error">{error}</p> : null}
        {pinned === null && !error ? <span className="spinner spinner--small" /> : null}
        {pinned?.length === 0 ? <p className="search__message">{t('rooms.pinned.empty')}</p> : null}
        <ul className="pinned-list">
          {pinned?.map((message) => (
            <li key={message.id}>
              <button type="button" className="pinned-item" onClick={() => onOpen(message)} data-testid={`pinned-${message.id}`}>
                <span className="pinned-item__meta">
                  <strong>{message.authorName}</strong> · {formatWhen(message.createdAt, locale, t)}
                </span>
                <span className="pinned-item__text">{message.deleted ? t('rooms.message.deleted') : <MarkdownView text={message.text} references={references} />}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
