/**
 * Requests to open a room (and maybe a message in it) coming from outside
 * the rooms view: a clicked notification, the palette of another workspace.
 * A tiny external store: the workspace's rooms view takes the request when
 * it is (or becomes) the one on screen.
 */
import { useSyncExternalStore } from 'react';

export interface RoomRequest {
  workspaceId: string;
  roomId: string;
  messageId: string | null;
  /** Distinguishes two requests for the same message. */
  seq: number;
}

let current: RoomRequest | null = null;
let seq = 0;
const listeners = new Set<() => void>();

/** Asks the rooms view of `workspaceId` to open `roomId` (scrolled to `messageId`). */
export function requestRoom(workspaceId: string, roomId: string, messageId: string | null = null): void {
  current = { workspaceId, roomId, messageId, seq: ++seq };
  for (const listener of listeners) listener();
}

/** Marks the request as done, so a later visit to the workspace does not replay it. */
export function consumeRoomRequest(request: RoomRequest): void {
  if (current !== request) return;
  current = null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest request, whatever its workspace. */
export function useRoomRequest(): RoomRequest | null {
  return useSyncExternalStore(subscribe, () => current);
}

let visible: { workspaceId: string; roomId: string } | null = null;

/** Records the room on screen (notifications stay quiet for it while the window has focus). */
export function setVisibleRoom(room: { workspaceId: string; roomId: string } | null): void {
  visible = room;
}

/** The room on screen, if any. */
export function visibleRoom(): { workspaceId: string; roomId: string } | null {
  return visible;
}
