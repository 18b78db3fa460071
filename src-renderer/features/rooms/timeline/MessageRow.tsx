/**
 * One message: day divider and "New" line when it opens a day or the
 * unread part, then avatar, author and time when it opens a group, the
 * Markdown body (or the editor, or a tombstone), the edited, pinned and
 * pending marks, reactions, the thread link, and the toolbar while hovered
 * or focused. Memoized: a row re-renders only when its own message does.
 */
import { memo } from 'react';
import type { ReactNode } from 'react';
import type { Message } from '../../../../src-main/common/contract';
import { useLocale, usePlural, useT } from '../../../lib/i18n/I18nProvider';
import { MarkdownView } from '../../../lib/markdown/MarkdownView';
import { ReplyJobBar } from '../../agents/ReplyJobBar';
import { MessageFiles } from '../../files/MessageFiles';
import { ClockIcon, PinIcon } from '../../../lib/ui/roomIcons';
import { formatDateTime, formatTime, formatWhen } from './formatTime';
import { useMessageContext } from './MessageContext';
import { MessageEditor } from './MessageEditor';
import { MessageToolbar } from './MessageToolbar';
import { PersonAvatar } from './PersonAvatar';
import { ReactionBar } from './ReactionBar';

export interface MessageRowProps {
  message: Message;
  showHeader: boolean;
  dayLabel: string | null;
  unreadLine: boolean;
  highlighted: boolean;
  /** Hovered or focused: shows the toolbar. */
  active: boolean;
  editing: boolean;
  inThread: boolean;
  onActivate(id: string | null): void;
}

function MessageBody({ message, editing }: { message: Message; editing: boolean }): ReactNode {
  const t = useT();
  const { references } = useMessageContext();
  if (editing) return <MessageEditor message={message} />;
  if (message.deleted) {
    return (
      <p className="msg__tombstone" data-testid={`tombstone-${message.id}`}>
        {t('rooms.message.deleted')}
      </p>
    );
  }
  return (
    <div className="msg__body" data-testid={`message-body-${message.id}`}>
      <MarkdownView text={message.text} references={references} />
      {message.editedAt !== null ? (
        <span className="msg__edited" data-testid={`edited-${message.id}`}>
          {t('rooms.message.edited')}
        </span>
      ) : null}
    </div>
  );
}

function ThreadLink({ message }: { message: Message }): ReactNode {
  const t = useT();
  const plural = usePlural();
  const locale = useLocale();
  const { actions } = useMessageContext();
  return (
    <button type="button" className="msg__thread" onClick={() => actions.openThread(message)} data-testid={`thread-link-${message.id}`}>
      <span className="msg__thread-count">{plural('rooms.thread.replies', message.replyCount)}</span>
      {message.lastReplyAt !== null ? <span className="msg__thread-last">{t('rooms.thread.lastReply', { when: formatWhen(message.lastReplyAt, locale, t) })}</span> : null}
    </button>
  );
}

export const MessageRow = memo(function MessageRow(props: MessageRowProps): ReactNode {
  const { message, showHeader, active, editing, inThread, onActivate } = props;
  const t = useT();
  const locale = useLocale();
  const { me, readOnly, authorLook } = useMessageContext();
  const mine = message.authorId === me;
  const author = authorLook ? authorLook(message.authorId, message.authorName) : { name: message.authorName, color: null };
  const classes = [
    'msg',
    showHeader ? 'msg--first' : 'msg--grouped',
    props.highlighted ? 'msg--highlight' : '',
    message.pending ? 'msg--pending' : '',
    message.deleted ? 'msg--deleted' : '',
    active ? 'msg--active' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const time = formatTime(message.createdAt, locale);
  return (
    <>
      {props.dayLabel ? (
        <div className="day-divider" role="separator">
          <span>{props.dayLabel}</span>
        </div>
      ) : null}
      {props.unreadLine ? (
        <div className="unread-divider" role="separator" data-testid="unread-divider">
          <span>{t('rooms.unread.divider')}</span>
        </div>
      ) : null}
      <article
        className={classes}
        tabIndex={-1}
        aria-label={t('rooms.message.label', { author: author.name, time })}
        data-testid={`message-${message.id}`}
        data-message-id={message.id}
        onMouseEnter={() => onActivate(message.id)}
        onFocus={() => onActivate(message.id)}
      >
        <div className="msg__gutter">
          {showHeader ? (
            <PersonAvatar name={author.name} color={author.color} digitalHuman={message.authorKind === 'dh'} />
          ) : active ? (
            <time className="msg__side-time" dateTime={new Date(message.createdAt).toISOString()}>
              {time}
            </time>
          ) : null}
        </div>
        <div className="msg__main">
          {showHeader ? (
            <header className="msg__meta">
              <span className="msg__author">{author.name}</span>
              {message.authorKind === 'dh' ? <span className="msg__tag">{t('rooms.member.digitalHuman')}</span> : null}
              <time className="msg__time" dateTime={new Date(message.createdAt).toISOString()} title={formatDateTime(message.createdAt, locale)}>
                {time}
              </time>
            </header>
          ) : null}
          <MessageBody message={message} editing={editing} />
          {message.deleted ? null : <MessageFiles messageId={message.id} />}
          {message.authorKind === 'dh' ? <ReplyJobBar messageId={message.id} authorName={author.name} roomId={message.deleted ? undefined : message.roomId} /> : null}
          {message.pinned || message.pending ? (
            <div className="msg__marks">
              {message.pinned ? (
                <span className="msg__mark">
                  <PinIcon width={12} height={12} aria-hidden="true" />
                  {t('rooms.message.pinned')}
                </span>
              ) : null}
              {message.pending ? (
                <span className="msg__mark msg__mark--pending" title={t('rooms.message.pendingHint')} data-testid={`pending-${message.id}`}>
                  <ClockIcon width={12} height={12} aria-hidden="true" />
                  {t('rooms.message.pending')}
                </span>
              ) : null}
            </div>
          ) : null}
          {message.reactions.length > 0 && !message.deleted ? <ReactionBar message={message} /> : null}
          {message.replyCount > 0 && !inThread ? <ThreadLink message={message} /> : null}
        </div>
        {active && !editing && !message.deleted && !readOnly ? <MessageToolbar message={message} mine={mine} inThread={inThread} /> : null}
      </article>
    </>
  );
});
