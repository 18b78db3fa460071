/**
 * The rooms and members of one workspace, loaded with `room.list` and
 * `member.list` and loaded again on each `rooms.changed` of that workspace
 * (and after a reconnection). Events arriving during a load start one more
 * load after it, never several at once. A workspace seen before shows its
 * last list at once while the fresh one loads.
 */
import { useCallback, useEffect } from 'react';
import type { Member, Room } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { useLiveValue } from '../../../lib/useLiveValue';

export interface WorkspaceRooms {
  /** Null until the first load. */
  rooms: Room[] | null;
  members: Member[];
  error: unknown;
  /** Applies a room the core just returned, before its event arrives. */
  putRoom(room: Room): void;
  reload(): void;
}

export function useWorkspaceRooms(workspaceId: string): WorkspaceRooms {
  const live = useLiveValue({
    key: workspaceId,
    workspaceId,
    event: 'rooms.changed',
    fetch: async () => {
      const [rooms, members] = await Promise.all([api.invoke('room.list', { workspaceId }), api.invoke('member.list', { workspaceId })]);
      return { rooms, members };
    },
    what: 'the rooms',
    // Going back to a workspace shows its rooms at once, then the fresh list.
    initial: () => lastSeen.get(workspaceId) ?? null,
  });
  const seen = live.value;
  useEffect(() => {
    if (seen) lastSeen.set(workspaceId, seen);
  }, [workspaceId, seen]);
  const { update } = live;
  const putRoom = useCallback(
    (room: Room) =>
      update((prev) => {
        if (!prev) return prev;
        const rooms = prev.rooms.some((r) => r.id === room.id) ? prev.rooms.map((r) => (r.id === room.id ? room : r)) : [...prev.rooms, room];
        return { ...prev, rooms };
      }),
    [update],
  );
  return { rooms: live.value?.rooms ?? null, members: live.value?.members ?? NO_MEMBERS, error: live.error, putRoom, reload: live.reload };
}

const NO_MEMBERS: Member[] = [];
/** The last rooms and members seen of each workspace this window showed. */
const lastSeen = new Map<string, { rooms: Room[]; members: Member[] }>();
