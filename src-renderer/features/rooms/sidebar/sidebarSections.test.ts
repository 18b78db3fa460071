import { describe, expect, it } from 'vitest';
import type { Member, Room } from '../../../../src-main/common/contract';
import { adjacentRoom, roomTitle, sidebarSections } from './sidebarSections';

function room(id: string, extra: Partial<Room> = {}): Room {
  return {
    id,
    name: id,
    kind: 'channel',
    private: false,
    topic: '',
    archived: false,
    createdAt: 0,
    createdBy: 'me',
    memberIds: ['me'],
    joined: true,
    muted: false,
    unread: 0,
    mentions: 0,
    lastReadMessageId: null,
    lastMessageAt: null,
    pinnedMessageIds: [],
    ...extra,
  };
}

const rooms = [
  room('random'),
  room('general', { unread: 3 }),
  room('old', { archived: true }),
  room('elsewhere', { joined: false }),
  room('dm-ada', { kind: 'dm', memberIds: ['me', 'ada'], lastMessageAt: 10 }),
  room('dm-grace', { kind: 'dm', memberIds: ['me', 'grace'], lastMessageAt: 20, mentions: 1 }),
];

describe('sidebarSections', () => {
  it('lists joined channels by name, then DMs by latest activity, without archived or unjoined rooms', () => {
    const sections = sidebarSections(rooms);
    expect(sections.channels.map((r) => r.id)).toEqual(['general', 'random']);
    expect(sections.dms.map((r) => r.id)).toEqual(['dm-grace', 'dm-ada']);
    expect(sections.ordered.map((r) => r.id)).toEqual(['general', 'random', 'dm-grace', 'dm-ada']);
  });

  it('names a DM after the other members', () => {
    const members = new Map<string, Member>([
      ['ada', { id: 'ada', kind: 'user', displayName: 'Ada Veyra', handle: 'ada.veyra' }],
      ['me', { id: 'me', kind: 'user', displayName: 'Me', handle: 'me' }],
    ]);
    expect(roomTitle(rooms[4]!, members, 'me')).toBe('Ada Veyra');
    expect(roomTitle(room('self', { kind: 'dm', memberIds: ['me'] }), members, 'me')).toBe('Me');
    expect(roomTitle(rooms[0]!, members, 'me')).toBe('random');
  });
});

describe('adjacentRoom (Alt+↑/↓)', () => {
  const { ordered } = sidebarSections(rooms);

  it('steps through the sidebar order and wraps around', () => {
    expect(adjacentRoom(ordered, 'general', 1)?.id).toBe('random');
    expect(adjacentRoom(ordered, 'dm-ada', 1)?.id).toBe('general');
    expect(adjacentRoom(ordered, 'general', -1)?.id).toBe('dm-ada');
    expect(adjacentRoom(ordered, null, 1)?.id).toBe('general');
  });

  it('skips read rooms when asked for unread ones only', () => {
    expect(adjacentRoom(ordered, 'general', 1, true)?.id).toBe('dm-grace');
    expect(adjacentRoom(ordered, 'dm-grace', 1, true)?.id).toBe('general');
    expect(adjacentRoom([room('a'), room('b')], 'a', 1, true)).toBeNull();
  });
});
