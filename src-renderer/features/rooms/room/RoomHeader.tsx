/**
 * The bar above a room: its icon and name, its topic (click to edit), and
 * buttons for members, pinned messages, mute, and a menu with the rest
 * (edit topic, mark read, archive or unarchive, leave).
 */
import { useState } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import type { Room } from '../../../../src-main/common/contract';
import { usePlural, useT } from '../../../lib/i18n/I18nProvider';
import { MoreIcon } from '../../../lib/ui/icons';
import { Menu } from '../../../lib/ui/Menu';
import type { MenuAnchor, MenuItem } from '../../../lib/ui/Menu';
import { BellIcon, BellOffIcon, HashIcon, LockIcon, PeopleIcon, PinIcon } from '../../../lib/ui/roomIcons';
import { PersonAvatar } from '../timeline/PersonAvatar';

interface RoomHeaderProps {
  room: Room;
  title: string;
  onMembers(): void;
  onPinned(): void;
  onSetMuted(muted: boolean): void;
  onEditTopic(): void;
  onMarkRead(): void;
  onSetArchived(archived: boolean): void;
  onLeave(): void;
}

export function RoomHeader(props: RoomHeaderProps): ReactNode {
  const { room, title } = props;
  const t = useT();
  const plural = usePlural();
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const channel = room.kind === 'channel';

  function openMenu(event: MouseEvent<HTMLButtonElement>): void {
    const rect = event.currentTarget.getBoundingClientRect();
    setMenu({ x: rect.right - 220, y: rect.bottom + 6 });
  }

  const items: MenuItem[] = [
    ...(channel ? [{ id: 'topic', label: t('rooms.topic.edit'), onSelect: props.onEditTopic, testId: 'room-menu-topic' }] : []),
    { id: 'read', label: t('rooms.read.markRoom'), onSelect: props.onMarkRead, testId: 'room-menu-read' },
    { id: 'mute', label: room.muted ? t('rooms.room.unmute') : t('rooms.room.mute'), onSelect: () => props.onSetMuted(!room.muted), testId: 'room-menu-mute' },
    ...(channel
      ? [
          {
            id: 'archive',
            label: room.archived ? t('rooms.room.unarchive') : t('rooms.room.archive'),
            onSelect: () => props.onSetArchived(!room.archived),
            separated: true,
            testId: 'room-menu-archive',
          },
          ...(room.joined ? [{ id: 'leave', label: t('rooms.room.leave'), onSelect: props.onLeave, tone: 'danger' as const, testId: 'room-menu-leave' }] : []),
        ]
      : []),
  ];

  return (
    <header className="room-header" data-testid="room-header">
      <span className="room-header__icon" aria-hidden="true">
        {channel ? room.private ? <LockIcon width={18} height={18} /> : <HashIcon width={18} height={18} /> : <PersonAvatar name={title} size="small" />}
      </span>
      <div className="room-header__text">
        <h2 className="room-header__title" data-testid="room-title">
          {title}
          {room.archived ? <span className="badge">{t('rooms.room.archived')}</span> : null}
        </h2>
        {channel ? (
          <button type="button" className={`room-header__topic${room.topic ? '' : ' room-header__topic--empty'}`} onClick={props.onEditTopic} title={room.topic || undefined} data-testid="room-topic">
            {room.topic || t('rooms.topic.add')}
          </button>
        ) : null}
      </div>
      <span className="main-header__spacer" />
      <button type="button" className="room-header__tool" onClick={props.onMembers} aria-label={plural('rooms.members.open', room.memberIds.length)} title={t('rooms.members.title')} data-testid="room-members">
        <PeopleIcon width={17} height={17} />
        <span>{room.memberIds.length}</span>
      </button>
      <button type="button" className="room-header__tool" onClick={props.onPinned} aria-label={plural('rooms.pinned.open', room.pinnedMessageIds.length)} title={t('rooms.pinned.title')} data-testid="room-pinned">
        <PinIcon width={17} height={17} />
        {room.pinnedMessageIds.length > 0 ? <span>{room.pinnedMessageIds.length}</span> : null}
      </button>
      <button
        type="button"
        className={`icon-button${room.muted ? ' icon-button--on' : ''}`}
        aria-pressed={room.muted}
        aria-label={t('rooms.room.muted')}
        title={room.muted ? t('rooms.room.unmute') : t('rooms.room.mute')}
        onClick={() => props.onSetMuted(!room.muted)}
        data-testid="room-mute"
      >
        {room.muted ? <BellOffIcon /> : <BellIcon />}
      </button>
      <button type="button" className="icon-button" aria-label={t('rooms.room.options')} aria-haspopup="menu" aria-expanded={menu !== null} onClick={openMenu} data-testid="room-menu">
        <MoreIcon />
      </button>
      {menu ? <Menu label={t('rooms.room.options')} anchor={menu} items={items} onClose={() => setMenu(null)} testId="room-menu-list" /> : null}
    </header>
  );
}
