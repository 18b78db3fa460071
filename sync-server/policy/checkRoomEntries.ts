/**
 * The write rules of a room doc's per-person maps (formats in
 * src-main/storage/rooms/roomDocFormat.ts and
 * src-main/storage/agents/approvalDocFormat.ts; the relay imports only
 * common/, hence the field names read by hand here). Each entry names the
 * member it belongs to, and only that member (one of their member ids,
 * policy/MemberIds.ts) adds, replaces or removes it:
 *
 * - `reactions`: key `"<messageId> <userId> <emoji>"` → a time: the key's
 *   `userId`. A malformed key is refused.
 * - `reads`: key userId → `{messageId, createdAt}`: the key.
 * - `pins`: key messageId → `{by, at}`: a pin is the room's shared marker
 *   (anyone who may post in the room pins or unpins any message, as in the
 *   chat apps people know), so a pin is written or removed by a holder of
 *   `message.post` on that room (governance grants; a guest never writes),
 *   and a new pin's `by` is the writer.
 * - `approvals`: key approvalId → a held call of a digital human, written
 *   by the device that holds its job: its `requestedFor` is the writer,
 *   before and after any change.
 * - `approvalDecisions`: key approvalId → `{decision, by, device, at}`:
 *   `by` is the writer, and the held call it decides (in the held doc or
 *   earlier in the same update) waits for the writer.
 *
 * Values are plain records (no shared type nested under these maps).
 */
import type * as Y from 'yjs';
import { actorCan } from './workspaceRules';
import type { PolicyWriter } from './checkRoomUpdate';

/** The room doc maps these rules cover. */
export const ENTRY_MAPS = ['reactions', 'reads', 'pins', 'approvals', 'approvalDecisions'] as const;
export type EntryMap = (typeof ENTRY_MAPS)[number];

export function isEntryMap(root: string): root is EntryMap {
  return (ENTRY_MAPS as readonly string[]).includes(root);
}

/** Checks of one update's entries: remembers the held calls it writes, for decisions later in it. */
export class RoomEntryRules {
  private readonly requestedIn = new Map<string, string | null>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly writer: PolicyWriter,
    private readonly roomId: string,
  ) {}

  /** Null when the writer may set `root[key]` to `value` (`depth`: how many keys from the root down), else why not. */
  write(root: EntryMap, depth: number, key: string, value: unknown): string | null {
    if (depth !== 1) return `nests a shared type under ${root}`;
    switch (root) {
      case 'reactions':
        return this.ownsReactionKey(key) ? null : "reacts for another member";
      case 'reads':
        return this.owns(key) ? null : "moves another member's read pointer";
      case 'pins': {
        if (!this.mayPin()) return 'pins without the right to post in this room';
        const by = field(value, 'by');
        return by !== null && this.owns(by) ? null : 'pins in the name of another member';
      }
      case 'approvals': {
        const requestedFor = field(value, 'requestedFor');
        if (requestedFor === null || !this.owns(requestedFor)) return "holds an action for another member";
        this.requestedIn.set(key, requestedFor);
        return null;
      }
      case 'approvalDecisions': {
        const by = field(value, 'by');
        if (by === null || !this.owns(by)) return 'decides in the name of another member';
        const requestedFor = this.requestedIn.has(key) ? this.requestedIn.get(key)! : field(this.doc.getMap('approvals').get(key), 'requestedFor');
        return requestedFor !== null && this.owns(requestedFor) ? null : 'decides an action that does not wait for them';
      }
    }
  }

  /** Null when the writer may remove `root[key]`, whose held value is `value`, else why not. */
  remove(root: EntryMap, key: string, value: unknown): string | null {
    switch (root) {
      case 'reactions':
        return this.ownsReactionKey(key) ? null : "removes another member's reaction";
      case 'reads':
        return this.owns(key) ? null : "removes another member's read pointer";
      case 'pins':
        return this.mayPin() ? null : 'unpins without the right to post in this room';
      case 'approvals': {
        const requestedFor = field(value, 'requestedFor');
        return requestedFor !== null && this.owns(requestedFor) ? null : "changes an action held for another member";
      }
      case 'approvalDecisions': {
        const by = field(value, 'by');
        return by !== null && this.owns(by) ? null : "changes another member's decision";
      }
    }
  }

  private owns(memberId: string): boolean {
    return this.writer.facts.memberIds.owns(this.writer.workspaceId, this.writer.userId, memberId);
  }

  private ownsReactionKey(key: string): boolean {
    const parts = key.split(' ');
    return parts.length >= 3 && parts[1]!.length > 0 && this.owns(parts[1]!);
  }

  private mayPin(): boolean {
    return actorCan(this.writer.facts, this.writer, 'message.post', this.roomId);
  }
}

/** A string field of a plain record, or null. */
function field(value: unknown, name: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = (value as Record<string, unknown>)[name];
  return typeof v === 'string' && v.length > 0 ? v : null;
}
