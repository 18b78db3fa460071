/**
 * What the sidebar lists, in order: joined channels by name, then direct
 * messages by most recent activity. Archived rooms and channels the user has
 * not joined are left to "Browse channels". The same order drives Alt+↑/↓.
 */
import type { Member, Room } from '../../../../src-main/common/contract';

export interface SidebarSections {
  channels: Room[];
  dms: Room[];
  /** channels then dms: the keyboard order. */
  ordered: Room[];
}

export function sidebarSections(rooms: readonly Room[]): SidebarSections {
  const shown = rooms.filter((r) => r.joined && !r.archived);
  const channels = shown.filter((r) => r.kind === 'channel').sort((a, b) => a.name.localeCompare(b.name));
  const dms = shown
    .filter((r) => r.kind === 'dm')
    .sort((a, b) => (b.lastMessageAt ?? b.createdAt) - (a.lastMessageAt ?? a.createdAt) || a.id.localeCompare(b.id));
  return { channels, dms, ordered: [...channels, ...dms] };
}

/**
 * A room's name as shown: a channel's name; for a DM, the other members'
 * names ("Ada, Grace"), or the user's own name in a DM with themselves.
 */
export function roomTitle(room: Room, membersById: ReadonlyMap<string, Member>, me: string): string {
  if (room.kind === 'channel') return room.name;
  const others = room.memberIds.filter((id) => id !== me);
  const names = (others.length > 0 ? others : [me]).map((id) => membersById.get(id)?.displayName).filter((n): n is string => Boolean(n));
  return names.length > 0 ? names.join(', ') : room.name;
}

/** The room `step` places away from `currentId` in `ordered`, wrapping around; `onlyUnread` skips read rooms. */
export function adjacentRoom(ordered: readonly Room[], currentId: string | null, step: 1 | -1, onlyUnread = false): Room | null {
  const n = ordered.length;
  if (n === 0) return null;
  const from = ordered.findIndex((r) => r.id === currentId);
  for (let k = 1; k <= n; k++) {
    const room = ordered[(((from === -1 ? (step === 1 ? -1 : 0) : from) + step * k) % n + n) % n]!;
    if (!onlyUnread || room.unread > 0 || room.mentions > 0) return room;
  }
  return null;
}
