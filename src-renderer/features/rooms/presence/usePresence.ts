/**
 * Presence and typing in the UI, from the core's Yjs awareness (see
 * docs/rooms.md, Presence and typing): `useWorkspacePresence` follows who
 * is online, away or typing in a workspace; `reportTyping` tells the others
 * where the local user types, at most every few seconds while keys are
 * pressed, and at once when they stop.
 */
import { useEffect, useState } from 'react';
import type { PresencePerson } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { useConnection } from '../../../lib/connection';

/** Someone's presence as the UI shows it. */
export type PresenceLevel = 'online' | 'away' | 'offline';

/** A typing report is repeated this often while typing goes on (the core ends typing 6 s after the last one). */
const TYPING_REFRESH_MS = 2_500;

const NOBODY: readonly PresencePerson[] = [];

/** Everyone seen in `workspaceId` right now (empty while it does not sync). */
export function useWorkspacePresence(workspaceId: string): readonly PresencePerson[] {
  const { generation } = useConnection();
  const [state, setState] = useState<{ workspaceId: string; people: readonly PresencePerson[] }>({ workspaceId, people: NOBODY });

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    let pushed = false;
    const unsubscribe = api.on('presence.changed', (presence) => {
      if (presence.workspaceId !== workspaceId) return;
      pushed = true;
      setState({ workspaceId, people: presence.people });
    });
    api.invoke('presence.list', { workspaceId }).then(
      (presence) => {
        // An event that arrived meanwhile is newer than this answer.
        if (!cancelled && !pushed) setState({ workspaceId, people: presence.people });
      },
      (err: unknown) => console.error('Loading who is online failed', err),
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [workspaceId, generation]);

  return state.workspaceId === workspaceId ? state.people : NOBODY;
}

/** The presence of `userId` among `people`. */
export function presenceLevel(people: readonly PresencePerson[], userId: string): PresenceLevel {
  return people.find((p) => p.userId === userId)?.status ?? 'offline';
}

/** Ids of the people typing in a room's timeline (`threadRootId` null) or in one of its threads, `me` excluded. */
export function typingUserIds(people: readonly PresencePerson[], roomId: string, threadRootId: string | null, me: string): string[] {
  return people
    .filter((p) => p.userId !== me && p.typing.some((place) => place.roomId === roomId && place.threadRootId === threadRootId))
    .map((p) => p.userId);
}

let lastReport: { key: string; at: number } | null = null;

/** Says that the local user types (or stopped typing) in a room or a thread of it. */
export function reportTyping(workspaceId: string, roomId: string, threadRootId: string | null, typing: boolean): void {
  const key = `${workspaceId} ${roomId} ${threadRootId ?? ''}`;
  const now = Date.now();
  if (typing) {
    if (lastReport?.key === key && now - lastReport.at < TYPING_REFRESH_MS) return;
    lastReport = { key, at: now };
  } else {
    if (lastReport?.key !== key) return;
    lastReport = null;
  }
  api
    .invoke('typing.set', { workspaceId, roomId, typing, ...(threadRootId !== null ? { threadRootId } : {}) })
    .catch((err: unknown) => console.warn('Reporting typing failed', err));
}
