/**
 * One room in the sidebar: its icon (# or a lock, or the other person's
 * initial for a DM), its name, bold when unread, a red count of unread
 * mentions, a pencil when a draft waits, dimmed with a crossed-out bell
 * when muted.
 */
import type { ReactNode } from 'react';
import type { Room } from '../../../../src-main/common/contract';
import { usePlural, useT } from '../../../lib/i18n/I18nProvider';
import { MutedMark } from '../../../lib/ui/MutedMark';
import { HashIcon, LockIcon, PencilIcon } from '../../../lib/ui/roomIcons';
import type { PresenceLevel } from '../presence/usePresence';
import { PersonAvatar } from '../timeline/PersonAvatar';

interface RoomListItemProps {
  room: Room;
  title: string;
  active: boolean;
  hasDraft: boolean;
  onOpen(roomId: string): void;
  /** The other person's presence, on a one-to-one DM. */
  presence?: PresenceLevel | null;
}

export function RoomListItem({ room, title, active, hasDraft, onOpen, presence = null }: RoomListItemProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  const unread = !room.muted && room.unread > 0;
  const classes = ['room-item', active ? 'room-item--active' : '', unread ? 'room-item--unread' : '', room.muted ? 'room-item--muted' : '']
    .filter(Boolean)
    .join(' ');
  const details = [
    room.mentions > 0 ? plural('rooms.sidebar.mentions', room.mentions) : null,
    room.unread > 0 ? plural('rooms.sidebar.unread', room.unread) : null,
    room.muted ? t('rooms.sidebar.muted') : null,
    hasDraft ? t('rooms.sidebar.draft') : null,
    presence ? t(`rooms.presence.${presence}`) : null,
  ].filter(Boolean);
  return (
    <li>
      <button
        type="button"
        className={classes}
        aria-current={active ? 'page' : undefined}
        aria-label={details.length > 0 ? `${title}, ${details.join(', ')}` : title}
        data-testid={`room-item-${room.id}`}
        data-unread={room.unread}
        data-mentions={room.mentions}
        onClick={() => onOpen(room.id)}
      >
        <span className="room-item__icon" aria-hidden="true">
          {room.kind === 'dm' ? <PersonAvatar name={title} size="tiny" /> : room.private ? <LockIcon width={15} height={15} /> : <HashIcon width={15} height={15} />}
          {presence ? <span className={`presence-dot presence-dot--${presence}`} data-testid={`presence-${room.id}`} data-presence={presence} /> : null}
        </span>
        <span className="room-item__name">{title}</span>
        {hasDraft && !active ? <PencilIcon className="room-item__draft" width={13} height={13} /> : null}
        {room.muted ? <MutedMark className="room-item__muted" label={t('rooms.sidebar.muted')} size={13} testId={`room-muted-${room.id}`} /> : null}
        {room.mentions > 0 ? (
          <span className="room-item__badge" aria-hidden="true">
            {room.mentions > 99 ? '99+' : room.mentions}
          </span>
        ) : null}
      </button>
    </li>
  );
}
