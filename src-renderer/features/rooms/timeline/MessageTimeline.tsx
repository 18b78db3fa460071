/**
 * A room's (or a thread's) messages as a virtualized list of articles in a
 * named region (not an ARIA feed: a feed may hold only articles, and the
 * day and unread separators sit between them): only rows in
 * view plus an overscan are in the DOM, older pages load when the top comes
 * near, newer ones after a jump into the past, the position is remembered
 * per room, the view sticks to the bottom while the user is there, and the
 * read pointer moves when the bottom is in view.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { MessageListSnapshot } from '../data/MessageListStore';
import { useLocale, useT } from '../../../lib/i18n/I18nProvider';
import { ArrowDownIcon } from '../../../lib/ui/roomIcons';
import { useVirtualScroll } from '../../../lib/virtual/useVirtualScroll';
import { formatDay } from './formatTime';
import { MessageRow } from './MessageRow';
import { scrollMemoryFor } from './scrollMemory';
import { startsDay, startsGroup } from './timelineLayout';
import type { UnreadStart } from './timelineLayout';

/** A request to bring a message into view; `seq` makes repeated jumps to one message distinct. */
export interface JumpRequest {
  messageId: string;
  seq: number;
}

interface MessageTimelineProps {
  listKey: string;
  label: string;
  snapshot: MessageListSnapshot;
  intro: ReactNode;
  /** Height of the intro shown above the first message (0 for none). */
  introHeight?: number;
  inThread: boolean;
  /** Where the unread part begins (the "New" line), null when all is read. */
  unread: UnreadStart | null;
  unreadBanner: ReactNode;
  highlightId: string | null;
  jump: JumpRequest | null;
  /** Grows each time the view must go to the bottom (after sending, "Latest"). */
  bottomSeq: number;
  editingId: string | null;
  onLoadOlder(): void;
  /** Loads the latest page again after a failure. */
  onRetry(): void;
  onLoadNewer(): void;
  onJumpToLatest(): void;
  onBottomVisible(lastMessageId: string): void;
}

const ESTIMATE = 44;
const OVERSCAN = 600;
const MAX_ROWS = 160;
const LOADER_HEIGHT = 56;
const INTRO_HEIGHT = 148;
/** Start loading the next page this far from an end. */
const LOAD_MARGIN = 3000;

export function MessageTimeline(props: MessageTimelineProps): ReactNode {
  const { snapshot, jump, onLoadOlder, onLoadNewer, onBottomVisible } = props;
  const t = useT();
  const locale = useLocale();
  const { messages } = snapshot;
  const [memory] = useState(() => scrollMemoryFor(props.listKey));
  const [activeId, setActiveId] = useState<string | null>(null);
  const headerHeight = snapshot.hasMoreBefore || snapshot.phase !== 'ready' ? LOADER_HEIGHT : (props.introHeight ?? INTRO_HEIGHT);

  // The keys change only when the run of messages does, not when one is edited or reacted to,
  // so the offsets of 100,000 rows are not rebuilt for a reaction. Derived during render.
  const [derived, setDerived] = useState(() => ({ messages, keys: messages.map((m) => m.id) }));
  let keys = derived.keys;
  if (derived.messages !== messages) {
    const same = keys.length === messages.length && keys[0] === messages[0]?.id && keys.at(-1) === messages.at(-1)?.id;
    if (!same) keys = messages.map((m) => m.id);
    setDerived({ messages, keys });
  }

  const virtual = useVirtualScroll({ keys, memory, estimate: ESTIMATE, headerHeight, overscan: OVERSCAN, maxRows: MAX_ROWS, alignEnd: !props.inThread });
  const { viewport, atBottom, scrollToKey } = virtual;

  useEffect(() => {
    if (snapshot.phase !== 'ready' || viewport.height === 0) return;
    if (snapshot.hasMoreBefore && !snapshot.loadingOlder && viewport.top < LOAD_MARGIN) onLoadOlder();
    if (snapshot.hasMoreAfter && !snapshot.loadingNewer && virtual.contentHeight - viewport.top - viewport.height < LOAD_MARGIN) onLoadNewer();
  }, [snapshot, viewport, virtual.contentHeight, onLoadOlder, onLoadNewer]);

  const lastId = keys.at(-1) ?? null;
  useEffect(() => {
    if (atBottom && !snapshot.hasMoreAfter && lastId !== null && document.visibilityState === 'visible') onBottomVisible(lastId);
  }, [atBottom, lastId, snapshot.hasMoreAfter, onBottomVisible]);

  const handledJump = useRef<number | null>(null);
  useEffect(() => {
    if (!jump || handledJump.current === jump.seq || !keys.includes(jump.messageId)) return;
    // Wait one frame so the rows around the target are rendered and measured first.
    const frame = requestAnimationFrame(() => {
      if (scrollToKey(jump.messageId, 'center')) handledJump.current = jump.seq;
    });
    return () => cancelAnimationFrame(frame);
  }, [jump, keys, scrollToKey]);

  const { scrollToBottom } = virtual;
  const { bottomSeq } = props;
  useEffect(() => {
    if (bottomSeq > 0) scrollToBottom();
  }, [bottomSeq, scrollToBottom]);

  const onActivate = useCallback((id: string | null) => setActiveId(id), []);

  // ↑/↓ move between messages (the toolbar of the focused one is reachable with Tab);
  // from the list itself, ↑ enters at the last message in view.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const frame = event.currentTarget;
    const articles = [...frame.querySelectorAll<HTMLElement>('article[data-message-id]')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const current = (event.target as HTMLElement).closest('article');
    let next: HTMLElement | undefined;
    if (current) {
      next = articles[articles.indexOf(current) + (event.key === 'ArrowDown' ? 1 : -1)];
    } else if (event.target === frame && event.key === 'ArrowUp') {
      const bottom = frame.getBoundingClientRect().bottom;
      next = articles.filter((a) => a.getBoundingClientRect().top < bottom).at(-1);
    }
    if (!next) return;
    event.preventDefault();
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }

  const unreadFromId = props.unread?.id ?? null;
  const unreadIndex = unreadFromId === null ? -1 : keys.indexOf(unreadFromId);
  const unreadAbove = props.unread !== null && (props.unread.before || (unreadFromId !== null && (unreadIndex === -1 || virtual.rowTop(unreadIndex) < viewport.top)));
  const rows: ReactNode[] = [];
  for (let i = virtual.range.start; i < Math.min(virtual.range.end, messages.length); i++) {
    const message = messages[i]!;
    const previous = messages[i - 1];
    const newDay = startsDay(previous, message) && (i > 0 || !snapshot.hasMoreBefore);
    rows.push(
      <div
        key={message.id}
        ref={virtual.measure}
        data-key={message.id}
        className="timeline__row"
        style={{ transform: `translateY(${virtual.rowTop(i)}px)` }}
      >
        <MessageRow
          message={message}
          showHeader={startsGroup(previous, message) || message.id === unreadFromId}
          dayLabel={newDay ? formatDay(message.createdAt, locale, t) : null}
          unreadLine={message.id === unreadFromId}
          highlighted={message.id === props.highlightId}
          active={message.id === activeId}
          editing={message.id === props.editingId}
          inThread={props.inThread}
          onActivate={onActivate}
        />
      </div>,
    );
  }

  return (
    <div className="timeline-frame" onMouseLeave={() => setActiveId(null)}>
      {unreadAbove ? props.unreadBanner : null}
      <div
        ref={virtual.scrollerRef}
        className="timeline"
        role="region"
        aria-label={props.label}
        aria-busy={snapshot.phase !== 'ready' || snapshot.loadingOlder || snapshot.loadingNewer}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="timeline"
        data-rows={messages.length}
        data-has-more-before={snapshot.hasMoreBefore}
      >
        <div className="timeline__content" style={{ height: virtual.contentHeight }}>
          <div className="timeline__header" style={{ top: virtual.rowTop(0) - headerHeight, height: headerHeight }}>
            {snapshot.phase === 'failed' ? (
              <p className="timeline__failed" role="alert">
                {t('rooms.timeline.failed')}
                <button type="button" className="button button--small" onClick={props.onRetry}>
                  {t('app.retry')}
                </button>
              </p>
            ) : snapshot.phase !== 'ready' || snapshot.hasMoreBefore ? (
              <span className="spinner" role="status" aria-label={t('rooms.timeline.loading')} />
            ) : (
              props.intro
            )}
          </div>
          {rows}
        </div>
      </div>
      {!atBottom || snapshot.hasMoreAfter ? (
        <button type="button" className="timeline__latest" onClick={props.onJumpToLatest} data-testid="jump-to-latest">
          <ArrowDownIcon width={15} height={15} />
          {t('rooms.timeline.latest')}
        </button>
      ) : null}
    </div>
  );
}
