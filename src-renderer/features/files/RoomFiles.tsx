/**
 * The files of a room's messages, loaded once per room (`file.list`) and
 * reloaded when messages change or files arrive from the relay, offered to
 * every message row through a context (rows stay cheap to re-render).
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { AttachedFile } from '../../../src-main/common/contract';
import { api } from '../../lib/api';

/** A file on its way to or from the relay: the share done, 0 to 1. */
export interface FileProgress {
  direction: 'up' | 'down';
  share: number;
}

interface RoomFilesValue {
  workspaceId: string;
  byMessage: ReadonlyMap<string, readonly AttachedFile[]>;
  progress: ReadonlyMap<string, FileProgress>;
}

const RoomFilesContext = createContext<RoomFilesValue | null>(null);

export function RoomFilesProvider({ workspaceId, roomId, children }: { workspaceId: string; roomId: string; children: ReactNode }): ReactNode {
  const [byMessage, setByMessage] = useState<ReadonlyMap<string, readonly AttachedFile[]>>(new Map());
  const [progress, setProgress] = useState<ReadonlyMap<string, FileProgress>>(new Map());
  useEffect(() => {
    let alive = true;
    const load = (): void => {
      api.invoke('file.list', { workspaceId, roomId }).then(
        (list) => {
          if (alive) setByMessage(new Map(list.map((m) => [m.messageId, m.files])));
        },
        () => undefined,
      );
    };
    load();
    const offMessages = api.on('messages.changed', (e) => {
      if (e.workspaceId === workspaceId && e.roomId === roomId) load();
    });
    const offArrived = api.on('files.arrived', (e) => {
      if (e.workspaceId === workspaceId && e.roomId === roomId) load();
    });
    const offProgress = api.on('files.progress', (e) => {
      if (e.workspaceId !== workspaceId) return;
      setProgress((map) => {
        const next = new Map(map);
        if (e.bytes >= e.total) next.delete(e.hash);
        else next.set(e.hash, { direction: e.direction, share: e.total > 0 ? e.bytes / e.total : 0 });
        return next;
      });
    });
    return () => {
      alive = false;
      offMessages();
      offArrived();
      offProgress();
    };
  }, [workspaceId, roomId]);
  return <RoomFilesContext.Provider value={{ workspaceId, byMessage, progress }}>{children}</RoomFilesContext.Provider>;
}

/** The files of message `messageId` and its workspace (none outside a provider). */
export function useMessageFiles(messageId: string): { workspaceId: string; files: readonly AttachedFile[]; progress: ReadonlyMap<string, FileProgress> } | null {
  const value = useContext(RoomFilesContext);
  const files = value?.byMessage.get(messageId);
  return value && files && files.length > 0 ? { workspaceId: value.workspaceId, files, progress: value.progress } : null;
}

/** The workspace of the room around a message row (null outside a room). */
export function useRoomWorkspaceId(): string | null {
  return useContext(RoomFilesContext)?.workspaceId ?? null;
}
