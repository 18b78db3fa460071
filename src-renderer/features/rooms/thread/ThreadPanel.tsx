/**
 * The thread of a message, beside the room: the root message on top, the
 * replies (virtualized like the timeline), and a composer that replies in
 * the thread. The root is read from the room's timeline when loaded there,
 * otherwise fetched once with `message.around`.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { Message, Room } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { usePlural, useT } from '../../../lib/i18n/I18nProvider';
import { CloseIcon } from '../../../lib/ui/icons';
import { Composer } from '../composer/Composer';
import { TypingIndicator } from '../presence/TypingIndicator';
import { reportTyping } from '../presence/usePresence';
import { messageListStore } from '../data/MessageListStore';
import type { MessageCommands } from '../data/useMessageCommands';
import { MessageContext } from '../timeline/MessageContext';
import type { MessageContextValue } from '../timeline/MessageContext';
import { MessageRow } from '../timeline/MessageRow';
import { MessageTimeline } from '../timeline/MessageTimeline';
import type { JumpRequest } from '../timeline/MessageTimeline';
import { RoomFilesProvider } from '../../files/RoomFiles';

interface ThreadPanelProps {
  workspaceId: string;
  room: Room;
  roomTitle: string;
  rootId: string;
  context: Omit<MessageContextValue, 'actions' | 'readOnly'>;
  makeActions(setEditing: (id: string | null) => void): MessageContextValue['actions'];
  messageCommands: MessageCommands;
  target: JumpRequest | null;
  onError(err: unknown): void;
  onClose(): void;
  /** Names of the people typing in a room or thread. */
  typingIn(roomId: string, threadRootId: string | null): readonly string[];
}

export function ThreadPanel(props: ThreadPanelProps): ReactNode {
  const { workspaceId, room, rootId, onError, target } = props;
  const t = useT();
  const plural = usePlural();
  const timeline = useMemo(() => messageListStore({ workspaceId, roomId: room.id, threadRootId: null }), [workspaceId, room.id]);
  const replies = useMemo(() => messageListStore({ workspaceId, roomId: room.id, threadRootId: rootId }), [workspaceId, room.id, rootId]);
  const timelineSnapshot = useSyncExternalStore(timeline.subscribe, timeline.getSnapshot);
  const snapshot = useSyncExternalStore(replies.subscribe, replies.getSnapshot);
  const [fetchedRoot, setFetchedRoot] = useState<Message | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [bottomSeq, setBottomSeq] = useState(0);
  const root = useMemo(() => timelineSnapshot.messages.find((m) => m.id === rootId) ?? fetchedRoot, [timelineSnapshot.messages, rootId, fetchedRoot]);
  const readOnly = room.archived || !room.joined;

  useEffect(() => {
    replies.ensureLoaded();
  }, [replies]);

  useEffect(() => {
    if (timeline.has(rootId)) return undefined;
    let cancelled = false;
    api.invoke('message.around', { workspaceId, roomId: room.id, messageId: rootId, limit: 3 }).then(
      (page) => {
        if (!cancelled) setFetchedRoot(page.messages.find((m) => m.id === rootId) ?? null);
      },
      (err: unknown) => onError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [timeline, workspaceId, room.id, rootId, onError]);

  useEffect(() => {
    if (target) replies.jumpTo(target.messageId).catch(onError);
  }, [target, replies, onError]);

  const { makeActions } = props;
  const contextValue = useMemo<MessageContextValue>(
    () => ({ ...props.context, readOnly, actions: makeActions(setEditingId) }),
    [props.context, readOnly, makeActions],
  );
  const noop = useCallback(() => undefined, []);

  return (
    <aside className="side-panel thread" aria-label={t('rooms.thread.title')} data-testid="thread-panel">
      <header className="side-panel__header">
        <div>
          <h2 className="side-panel__title">{t('rooms.thread.title')}</h2>
          <p className="side-panel__subtitle">{room.kind === 'channel' ? `#${props.roomTitle}` : props.roomTitle}</p>
        </div>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={props.onClose} data-testid="thread-close">
          <CloseIcon />
        </button>
      </header>
      <RoomFilesProvider workspaceId={workspaceId} roomId={room.id}>
        <MessageContext.Provider value={contextValue}>
          <div className="thread__root" data-testid="thread-root">
            {root ? (
              <MessageRow message={root} showHeader dayLabel={null} unreadLine={false} highlighted={false} active={false} editing={false} inThread onActivate={noop} />
            ) : (
              <span className="spinner spinner--small" />
            )}
            <div className="thread__count">{plural('rooms.thread.replies', root?.replyCount ?? snapshot.messages.length)}</div>
          </div>
          <MessageTimeline
            listKey={`${workspaceId}/${room.id}/${rootId}`}
            label={t('rooms.thread.title')}
            snapshot={snapshot}
            intro={null}
            introHeight={8}
            inThread
            unread={null}
            unreadBanner={null}
            highlightId={target?.messageId ?? null}
            jump={target}
            bottomSeq={bottomSeq}
            editingId={editingId}
            onLoadOlder={() => void replies.loadOlder().catch(onError)}
            onRetry={() => void replies.loadLatest().catch(onError)}
            onLoadNewer={() => void replies.loadNewer().catch(onError)}
            onJumpToLatest={() => setBottomSeq((n) => n + 1)}
            onBottomVisible={noop}
          />
        </MessageContext.Provider>
      </RoomFilesProvider>
      {readOnly ? null : (
        <>
        <Composer
          key={rootId}
          workspaceId={workspaceId}
          roomId={room.id}
          threadRootId={rootId}
          placeholder={t('rooms.thread.placeholder')}
          candidates={props.context.candidates}
          roomNames={props.context.roomNames}
          onSend={async (text) => {
            await props.messageCommands.post(room.id, text, rootId);
            setBottomSeq((n) => n + 1);
          }}
          onTyping={(typing) => reportTyping(workspaceId, room.id, rootId, typing)}
          autoFocus
          testId="thread-composer"
        />
        <TypingIndicator names={props.typingIn(room.id, rootId)} testId="thread-typing-indicator" />
        </>
      )}
    </aside>
  );
}
