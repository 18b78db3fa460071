/**
 * The rooms and members of one workspace, loaded with `room.list` and
 * `member.list` and loaded again on each `rooms.changed` of that workspace
 * (and after a reconnection). Events arriving during a load start one more
 * load after it, never several at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Member, Room } from '../../../../src-main/common/contract';
import { coalescedReload } from '../../../lib/coalescedReload';
import { api } from '../../../lib/api';
import { useConnection } from '../../../lib/connection';

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
  const { generation } = useConnection();
  const [rooms, setRooms] = useState<Room[] | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    setRooms(null);
    setMembers([]);
    const load = coalescedReload({
      fetch: () => Promise.all([api.invoke('room.list', { workspaceId }), api.invoke('member.list', { workspaceId })]),
      apply: ([roomList, memberList]) => {
        setRooms(roomList);
        setMembers(memberList);
        setError(null);
      },
      fail: (err) => {
        setError(err);
        console.error('Loading the rooms failed', err);
      },
      cancelled: () => cancelled,
    });
    loadRef.current = load;
    const unsubscribe = api.on('rooms.changed', (event) => {
      if (event.workspaceId === workspaceId) load();
    });
    load();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [workspaceId, generation]);

  const putRoom = useCallback((room: Room) => {
    setRooms((prev) => {
      if (!prev) return prev;
      return prev.some((r) => r.id === room.id) ? prev.map((r) => (r.id === room.id ? room : r)) : [...prev, room];
    });
  }, []);

  const reload = useCallback(() => loadRef.current(), []);

  return { rooms, members, error, putRoom, reload };
}
