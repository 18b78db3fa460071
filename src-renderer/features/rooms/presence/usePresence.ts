/**
 * The seam for presence and typing (issue 4, item 4). They will come from
 * Yjs awareness on synced workspaces, which the core does not expose yet:
 * until it does, nobody is reported online or typing, and typing reports go
 * nowhere. The UI around it (the typing line, presence dots) already reads
 * this hook, so wiring awareness in is a change to this file only.
 */

export interface RoomPresence {
  /** Member ids online in the workspace. */
  online: ReadonlySet<string>;
  /** Display names of the members typing in the room, the local user excluded. */
  typing: readonly string[];
}

const NOBODY: RoomPresence = { online: new Set(), typing: [] };

/** Who is online and who is typing in a room (nobody until the core exposes awareness). */
export function usePresence(_workspaceId: string, _roomId: string | null): RoomPresence {
  return NOBODY;
}

/** Tells the others that the local user is typing in a room (a no-op until the core exposes awareness). */
export function reportTyping(_workspaceId: string, _roomId: string): void {}
