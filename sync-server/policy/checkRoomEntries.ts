/**
 * The write rules of a room doc's per-person maps (formats in
 * src-main/storage/rooms/roomDocFormat.ts,
 * src-main/storage/agents/approvalDocFormat.ts and
 * src-main/storage/agents/toolCallDocFormat.ts; the relay imports only
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
 * - `toolCalls`: key `"<messageId> <index>"` → a tool call of a digital
 *   human's reply, written by the device that ran it: its `postedBy` is the
 *   writer, before and after any change, and the key is well formed. It is
 *   removed by that member, or with the reply by a holder of
 *   `message.delete:any` on the room. (Readers show it only under a reply
 *   of its digital human posted by the same member.)
 *
 * Values are plain records (no shared type nested under these maps).
 */
import type * as Y from 'yjs';
import { actorCan } from './workspaceRules';
import type { PolicyWriter } from './checkRoomUpdate';

/** The room doc maps these rules cover. */
export const ENTRY_MAPS = ['reactions', 'reads', 'pins', 'approvals', 'approvalDecisions', 'toolCalls'] as const;
export type EntryMap = (typeof ENTRY_MAPS)[number];

export function isEntryMap(root: string): root is EntryMap {
  return (ENTRY_MAPS as readonly string[]).includes(root);
}

/** A `toolCalls` key: a message id and the call's place in the reply. */
const TOOL_CALL_KEY = /^[A-Za-z0-9_-]{1,64} (0|[1-9]\d?)$/;

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
      case 'toolCalls': {
        if (!TOOL_CALL_KEY.test(key)) return 'writes a tool call under a malformed key';
        const postedBy = field(value, 'postedBy');
        return postedBy !== null && this.owns(postedBy) ? null : "records a tool call for another member's device";
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
      case 'toolCalls': {
        const postedBy = field(value, 'postedBy');
        if (postedBy !== null && this.owns(postedBy)) return null;
        return actorCan(this.writer.facts, this.writer, 'message.delete:any', this.roomId) ? null : "removes another member's tool call";
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
