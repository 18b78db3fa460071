/**
 * Which room of a workspace is open: remembered per workspace on this
 * device (a UI preference, never synced), and the first room of the sidebar
 * when the remembered one is gone or none was open yet.
 */
import { useCallback, useState } from 'react';
import type { Room } from '../../../src-main/common/contract';

const storageKey = (workspaceId: string): string => `qwanyx.room.${workspaceId}`;

function remembered(workspaceId: string): string | null {
  try {
    return localStorage.getItem(storageKey(workspaceId));
  } catch {
    return null;
  }
}

export interface ActiveRoom {
  /** The open room, null while rooms load or when the workspace has none. */
  room: Room | null;
  open(roomId: string): void;
}

export function useActiveRoom(workspaceId: string, rooms: readonly Room[] | null, ordered: readonly Room[]): ActiveRoom {
  const [chosen, setChosen] = useState<string | null>(() => remembered(workspaceId));
  const room = rooms?.find((r) => r.id === chosen) ?? ordered[0] ?? null;
  const open = useCallback(
    (roomId: string) => {
      setChosen(roomId);
      try {
        localStorage.setItem(storageKey(workspaceId), roomId);
      } catch (err) {
        console.error('Remembering the open room failed', err);
      }
    },
    [workspaceId],
  );
  return { room, open };
}
