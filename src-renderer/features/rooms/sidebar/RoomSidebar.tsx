/**
 * The workspace's column of rooms: a search button, then channels, direct
 * messages and digital humans, each with its "+" action, and "mark all
 * read" when something is unread.
 */
import type { ReactNode } from 'react';
import type { Member, Room } from '../../../../src-main/common/contract';
import { useT } from '../../../lib/i18n/I18nProvider';
import { isMac } from '../../../lib/shortcuts';
import { CheckIcon, PlusIcon } from '../../../lib/ui/icons';
import { CompassIcon, SearchIcon } from '../../../lib/ui/roomIcons';
import { DigitalHumansSection } from '../../dh/DigitalHumansSection';
import type { PresenceLevel } from '../presence/usePresence';
import { RoomListItem } from './RoomListItem';
import { roomTitle } from './sidebarSections';
import type { SidebarSections } from './sidebarSections';

interface RoomSidebarProps {
  workspaceName: string;
  sections: SidebarSections;
  membersById: ReadonlyMap<string, Member>;
  /** Whether a person is online, away or offline (presence dots on direct messages). */
  presenceOf(userId: string): PresenceLevel;
  workspaceId: string;
  /** Opens the direct conversation with a member (a digital human here), creating it if needed. */
  onMessageMember(memberId: string): void;
  me: string;
  activeRoomId: string | null;
  draftRoomIds: ReadonlySet<string>;
  hasUnread: boolean;
  onOpen(roomId: string): void;
  onCreateChannel(): void;
  onNewDm(): void;
  onBrowse(): void;
  onSearch(): void;
  onMarkAllRead(): void;
}

interface SectionProps {
  title: string;
  addLabel?: string;
  onAdd?(): void;
  testId: string;
  children: ReactNode;
}

function Section({ title, addLabel, onAdd, testId, children }: SectionProps): ReactNode {
  return (
    <section className="sidebar-section" aria-label={title} data-testid={testId}>
      <header className="sidebar-section__header">
        <h2 className="sidebar-section__title">{title}</h2>
        {onAdd ? (
          <button type="button" className="icon-button icon-button--small" aria-label={addLabel} title={addLabel} onClick={onAdd} data-testid={`${testId}-add`}>
            <PlusIcon width={16} height={16} />
          </button>
        ) : null}
      </header>
      {children}
    </section>
  );
}

/** The presence shown on a one-to-one DM: the other person's; none on channels and group DMs. */
function dmPresence(room: Room, me: string, presenceOf: (userId: string) => PresenceLevel): PresenceLevel | null {
  if (room.kind !== 'dm') return null;
  const others = room.memberIds.filter((id) => id !== me);
  return others.length === 1 ? presenceOf(others[0]!) : null;
}

export function RoomSidebar(props: RoomSidebarProps): ReactNode {
  const { sections, membersById, me, activeRoomId, draftRoomIds, onOpen, presenceOf } = props;
  const t = useT();
  const item = (room: Room): ReactNode => (
    <RoomListItem key={room.id} room={room} title={roomTitle(room, membersById, me)} active={room.id === activeRoomId} hasDraft={draftRoomIds.has(room.id)} onOpen={onOpen} presence={dmPresence(room, me, presenceOf)} />
  );
  return (
    <nav className="sidebar" aria-label={t('rooms.sidebar.label', { name: props.workspaceName })} data-testid="room-sidebar">
      <div className="sidebar__top">
        <button type="button" className="sidebar__search" onClick={props.onSearch} data-testid="open-search" aria-keyshortcuts="Control+Shift+F Meta+Shift+F">
          <SearchIcon width={15} height={15} />
          <span>{t('rooms.search.open')}</span>
          <kbd>{isMac() ? '⌘⇧F' : 'Ctrl+Shift+F'}</kbd>
        </button>
      </div>
      <div className="sidebar__scroll">
        <Section title={t('rooms.sidebar.channels')} addLabel={t('rooms.channel.create')} onAdd={props.onCreateChannel} testId="section-channels">
          <ul className="sidebar-list">{sections.channels.map(item)}</ul>
          <button type="button" className="sidebar-link" onClick={props.onBrowse} data-testid="browse-channels">
            <CompassIcon width={15} height={15} />
            {t('rooms.browse.open')}
          </button>
        </Section>
        <Section title={t('rooms.sidebar.dms')} addLabel={t('rooms.dm.create')} onAdd={props.onNewDm} testId="section-dms">
          {sections.dms.length > 0 ? <ul className="sidebar-list">{sections.dms.map(item)}</ul> : <p className="sidebar-empty">{t('rooms.sidebar.noDms')}</p>}
        </Section>
        <DigitalHumansSection
          workspaceId={props.workspaceId}
          members={[...membersById.values()]}
          dms={sections.dms}
          me={me}
          activeRoomId={activeRoomId}
          onMessage={props.onMessageMember}
        />
      </div>
      {props.hasUnread ? (
        <div className="sidebar__bottom">
          <button type="button" className="sidebar-link" onClick={props.onMarkAllRead} data-testid="mark-all-read">
            <CheckIcon width={15} height={15} />
            {t('rooms.read.markAll')}
          </button>
        </div>
      ) : null}
    </nav>
  );
}
