/**
 * One open room: header, timeline and composer (or the bar to join or
 * unarchive it). It keeps the "New" line where the unread part began when
 * the room was opened, moves the read pointer when the bottom is in view,
 * and brings a searched or notified message into view, highlighted.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { Message, Room } from '../../../../src-main/common/contract';
import { ApiError } from '../../../lib/api';
import { useT } from '../../../lib/i18n/I18nProvider';
import { HashIcon } from '../../../lib/ui/roomIcons';
import { Composer } from '../composer/Composer';
import { messageListStore } from '../data/MessageListStore';
import type { MessageCommands } from '../data/useMessageCommands';
import type { RoomCommands } from '../data/useRoomCommands';
import { TypingIndicator } from '../presence/TypingIndicator';
import { reportTyping } from '../presence/usePresence';
import { MessageContext } from '../timeline/MessageContext';
import type { MessageContextValue } from '../timeline/MessageContext';
import { MessageTimeline } from '../timeline/MessageTimeline';
import { PersonAvatar } from '../timeline/PersonAvatar';
import type { JumpRequest } from '../timeline/MessageTimeline';
import { unreadStart } from '../timeline/timelineLayout';
import { RoomHeader } from './RoomHeader';
import { UnreadBanner } from './UnreadBanner';
import { useEscapeMarksRead } from './useEscapeMarksRead';
import { RoomFilesProvider } from '../../files/RoomFiles';
import { isReplyBeingWritten, useReplyJobsVersion } from '../../agents/replyJobs';
import { readUpTo } from './readUpTo';

export interface RoomViewProps {
  workspaceId: string;
  room: Room;
  title: string;
  context: Omit<MessageContextValue, 'actions' | 'readOnly'>;
  makeActions(setEditing: (id: string | null) => void): MessageContextValue['actions'];
  messageCommands: MessageCommands;
  roomCommands: RoomCommands;
  target: JumpRequest | null;
  onError(err: unknown): void;
  onMembers(): void;
  onPinned(): void;
  onEditTopic(): void;
  /** Names of the people typing in a room or thread. */
  typingIn(roomId: string, threadRootId: string | null): readonly string[];
}

const HIGHLIGHT_MS = 4000;

export function RoomView(props: RoomViewProps): ReactNode {
  const { workspaceId, room, title, context, roomCommands, messageCommands, onError, target } = props;
  const t = useT();
  const store = useMemo(() => messageListStore({ workspaceId, roomId: room.id, threadRootId: null }), [workspaceId, room.id]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [jump, setJump] = useState<JumpRequest | null>(null);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const [bottomSeq, setBottomSeq] = useState(0);
  // Where the unread part began when the room was opened; cleared once read.
  const [unreadAtOpen, setUnreadAtOpen] = useState(() => ({ lastRead: room.lastReadMessageId, count: room.unread }));
  const inputRef = useRef<HTMLTextAreaElement | null>(null);
  const readOnly = room.archived || !room.joined;

  useEffect(() => {
    store.ensureLoaded();
  }, [store]);

  useEffect(() => {
    if (!target) return undefined;
    let cancelled = false;
    store.jumpTo(target.messageId).then(
      () => {
        if (cancelled) return;
        setJump(target);
        setHighlightId(target.messageId);
      },
      (err: unknown) => onError(err),
    );
    const timer = setTimeout(() => setHighlightId((id) => (id === target.messageId ? null : id)), HIGHLIGHT_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [target, store, onError]);

  const unread = useMemo(
    () => (unreadAtOpen.count > 0 ? unreadStart(snapshot.messages, unreadAtOpen.lastRead, context.me, unreadAtOpen.count, snapshot.hasMoreBefore) : null),
    [snapshot.messages, snapshot.hasMoreBefore, unreadAtOpen, context.me],
  );
  const unreadFromId = unread?.id ?? null;

  const lastMarked = useRef<string | null>(null);
  const hasUnread = room.unread > 0 || room.mentions > 0;
  // A reply still being written is read once it is finished (its job or its text changes, so this runs again).
  const jobsVersion = useReplyJobsVersion();
  const messages = snapshot.messages;
  const onBottomVisible = useCallback(
    (lastId: string) => {
      if (!hasUnread || !document.hasFocus()) return;
      const upTo = readUpTo(messages, lastId, isReplyBeingWritten);
      if (upTo === null || lastMarked.current === upTo) return;
      lastMarked.current = upTo;
      roomCommands.markRead(room.id, upTo).catch((err: unknown) => {
        // The message left the room between being seen and being marked (deleted, or erased on another device): nothing to mark.
        if (err instanceof ApiError && err.code === 'NOT_FOUND') return;
        onError(err);
      });
    },
    [hasUnread, roomCommands, room.id, onError, messages, jobsVersion],
  );

  const markRoomRead = useCallback(() => {
    setUnreadAtOpen({ lastRead: null, count: 0 });
    roomCommands.markRoomRead(room.id).catch(onError);
  }, [roomCommands, room.id, onError]);
  useEscapeMarksRead(markRoomRead);

  const jumpToFirstUnread = useCallback(() => {
    const from = unreadAtOpen.lastRead;
    const go = (id: string): void => setJump({ messageId: id, seq: Date.now() });
    if (unreadFromId) go(unreadFromId);
    else if (from) store.jumpTo(from).then(() => go(from), onError);
  }, [unreadAtOpen.lastRead, unreadFromId, store, onError]);

  const jumpToLatest = useCallback(() => {
    const done = (): void => setBottomSeq((n) => n + 1);
    if (store.getSnapshot().hasMoreAfter) store.loadLatest().then(done, onError);
    else done();
  }, [store, onError]);

  const editLast = useCallback(() => {
    const mine = [...snapshot.messages].reverse().find((m: Message) => m.authorId === context.me && !m.deleted);
    if (mine) {
      setEditingId(mine.id);
      setJump({ messageId: mine.id, seq: Date.now() });
    }
  }, [snapshot.messages, context.me]);

  const stopEditing = useCallback((id: string | null) => {
    setEditingId(id);
    if (id === null) requestAnimationFrame(() => inputRef.current?.focus());
  }, []);
  const { makeActions } = props;
  const contextValue = useMemo<MessageContextValue>(() => ({ ...context, readOnly, actions: makeActions(stopEditing) }), [context, readOnly, makeActions, stopEditing]);

  const intro = (
    <div className="room-intro" data-testid="room-intro">
      {room.kind === 'channel' ? (
        <span className="room-intro__icon" aria-hidden="true">
          <HashIcon width={22} height={22} />
        </span>
      ) : (
        <PersonAvatar name={title} />
      )}
      <h3 className="room-intro__title">{room.kind === 'channel' ? t('rooms.intro.channel', { name: title }) : t('rooms.intro.dm', { name: title })}</h3>
      <p className="room-intro__body">{room.topic || t('rooms.intro.body')}</p>
    </div>
  );

  return (
    <section className="room" aria-label={title} data-testid="room-view" data-room-id={room.id}>
      <RoomHeader
        room={room}
        title={title}
        onMembers={props.onMembers}
        onPinned={props.onPinned}
        onEditTopic={props.onEditTopic}
        onMarkRead={markRoomRead}
        onSetMuted={(muted) => void roomCommands.setMuted(room.id, muted).catch(onError)}
        onSetArchived={(archived) => void roomCommands.update(room.id, { archived }).catch(onError)}
        onLeave={() => void roomCommands.leave(room.id).catch(onError)}
      />
      <RoomFilesProvider workspaceId={workspaceId} roomId={room.id}>
        <MessageContext.Provider value={contextValue}>
          <MessageTimeline
            listKey={`${workspaceId}/${room.id}`}
            label={t('rooms.timeline.label', { name: title })}
            snapshot={snapshot}
            intro={intro}
            inThread={false}
            unread={unread}
            unreadBanner={<UnreadBanner count={unreadAtOpen.count} onJump={unreadFromId !== null || unreadAtOpen.lastRead !== null ? jumpToFirstUnread : null} onMarkRead={markRoomRead} />}
            highlightId={highlightId}
            jump={jump}
            bottomSeq={bottomSeq}
            editingId={editingId}
            onLoadOlder={() => void store.loadOlder().catch(onError)}
            onRetry={() => void store.loadLatest().catch(onError)}
            onLoadNewer={() => void store.loadNewer().catch(onError)}
            onJumpToLatest={jumpToLatest}
            onBottomVisible={onBottomVisible}
          />
        </MessageContext.Provider>
      </RoomFilesProvider>
      {readOnly ? (
        <div className="room-join" data-testid="room-join-bar">
          <p>{room.archived ? t('rooms.room.archivedNotice') : t('rooms.room.previewNotice', { name: title })}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void (room.archived ? roomCommands.update(room.id, { archived: false }) : roomCommands.join(room.id)).catch(onError)}
            data-testid={room.archived ? 'room-unarchive' : 'room-join'}
          >
            {room.archived ? t('rooms.room.unarchive') : t('rooms.room.join')}
          </button>
        </div>
      ) : (
        <>
          <Composer
            key={room.id}
            workspaceId={workspaceId}
            roomId={room.id}
            threadRootId={null}
            placeholder={room.kind === 'channel' ? t('rooms.composer.placeholderChannel', { name: title }) : t('rooms.composer.placeholderDm', { name: title })}
            candidates={context.candidates}
            roomNames={context.roomNames}
            onSend={async (text) => {
              await messageCommands.post(room.id, text, null);
              setUnreadAtOpen({ lastRead: null, count: 0 });
              jumpToLatest();
            }}
            onEditLast={editLast}
            inputRef={inputRef}
            onTyping={(typing) => reportTyping(workspaceId, room.id, null, typing)}
            autoFocus
            testId="composer"
          />
          <TypingIndicator names={props.typingIn(room.id, null)} />
        </>
      )}
    </section>
  );
}
