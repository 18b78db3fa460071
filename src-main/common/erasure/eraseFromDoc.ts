/**
 * The deletions of an erasure (docs/erasure.md), applied to one Y.Doc: the
 * same code runs on the relay (every doc of the workspace) and on a device
 * of a local-only workspace. Formats read here: room docs
 * (src-main/storage/rooms/roomDocFormat.ts: `messages`, `reactions`,
 * `pins`, `reads`; `approvals`, `toolCalls` of storage/agents/) and digital humans' docs (`memories`,
 * src-main/storage/memory/memoryDocFormat.ts); the relay may import only
 * common/, hence this reading of the plain values by hand.
 *
 * Keys are deleted, not replaced by tombstones: a delete adds no new item,
 * and Yjs garbage collection (a Y.Doc with `gc` on, the default) replaces
 * the deleted values by their length only, so once the doc's stored history
 * is rewritten from its state, nothing of them is left. Call these inside a
 * transaction of the caller.
 */
import type * as Y from 'yjs';
import { HASH_PATTERN } from '../contract/fileChannels';

/** What to erase: a person's contributions, or every message older than a cut-off. */
export type ErasureTarget = { readonly kind: 'member'; readonly memberIds: ReadonlySet<string> } | { readonly kind: 'retention'; readonly before: number };

/** What was removed from one room doc. */
export interface RoomErasure {
  messageIds: string[];
  reactions: number;
  reads: number;
  pins: number;
  /**
   * Held actions waiting for the member (with the decisions on them) and decisions the member made,
   * and the tool calls (`toolCalls`, storage/agents/toolCallDocFormat.ts) of replies written for the
   * member or of removed messages: their arguments may quote that person too.
   */
  approvals: number;
  /** Hashes of the files the removed messages named. */
  hashes: Set<string>;
}

interface PlainMessage {
  authorId: string | null;
  createdAt: number | null;
  hashes: string[];
}

function plainMessage(value: unknown): PlainMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { authorId: null, createdAt: null, hashes: [] };
  const v = value as Record<string, unknown>;
  const hashes: string[] = [];
  if (Array.isArray(v.files)) {
    for (const f of v.files) {
      const hash = typeof f === 'object' && f !== null ? (f as Record<string, unknown>).hash : undefined;
      if (typeof hash === 'string' && HASH_PATTERN.test(hash)) hashes.push(hash);
    }
  }
  return { authorId: typeof v.authorId === 'string' ? v.authorId : null, createdAt: typeof v.createdAt === 'number' ? v.createdAt : null, hashes };
}

function matches(target: ErasureTarget, message: PlainMessage): boolean {
  if (target.kind === 'member') return message.authorId !== null && target.memberIds.has(message.authorId);
  return message.createdAt !== null && message.createdAt < target.before;
}

/** Whether message value `value` (of a room doc's `messages`) is one `target` erases. */
export function messageErased(target: ErasureTarget, value: unknown): boolean {
  return matches(target, plainMessage(value));
}

/** Hashes of the files message value `value` names. */
export function messageFileHashes(value: unknown): string[] {
  return plainMessage(value).hashes;
}

/** Whether a room doc still holds something `target` erases (a device waits for the relay's deletions with it). */
export function roomDocHolds(doc: Y.Doc, target: ErasureTarget): boolean {
  for (const value of doc.getMap('messages').values()) if (matches(target, plainMessage(value))) return true;
  return roomDocHoldsBesideMessages(doc, target);
}

/** `roomDocHolds` but for the messages themselves: reads, reactions, held actions and tool calls. */
export function roomDocHoldsBesideMessages(doc: Y.Doc, target: ErasureTarget): boolean {
  if (target.kind === 'member') {
    for (const key of doc.getMap('reads').keys()) if (target.memberIds.has(key)) return true;
    for (const key of doc.getMap('reactions').keys()) if (target.memberIds.has(key.split(' ')[1] ?? '')) return true;
    if (heldFor(doc, target.memberIds).size > 0) return true;
    for (const value of doc.getMap('toolCalls').values()) if (target.memberIds.has(stringField(value, 'postedBy') ?? '')) return true;
  }
  return false;
}

/** Field `field` of a synced map value, when it is a string. */
function stringField(value: unknown, field: string): string | null {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : null;
}

/**
 * Keys of the held actions (`approvals`, storage/agents/approvalDocFormat.ts) that wait for one of
 * `memberIds`, and of the decisions (`approvalDecisions`) on them or made by them: the arguments of a
 * held call may quote what that person wrote.
 */
function heldFor(doc: Y.Doc, memberIds: ReadonlySet<string>): Set<string> {
  const keys = new Set<string>();
  doc.getMap('approvals').forEach((value, key) => {
    const requestedFor = stringField(value, 'requestedFor');
    if (requestedFor !== null && memberIds.has(requestedFor)) keys.add(key);
  });
  doc.getMap('approvalDecisions').forEach((value, key) => {
    const by = stringField(value, 'by');
    if (by !== null && memberIds.has(by)) keys.add(key);
  });
  return keys;
}

/** What `eraseFromRoomDoc` would remove from a room doc: its counts, and the keys to delete, map by map. */
export interface RoomErasurePlan extends RoomErasure {
  /** Map name and key of every entry to delete, the messages first. */
  deletions: { map: string; key: string }[];
}

/**
 * What `eraseFromRoomDoc` deletes from room doc `doc`, without changing it. `messageIds`, when given, are
 * the keys of the messages `target` names (found by the caller, a slice at a time, with `messageErased`).
 */
export function planRoomErasure(doc: Y.Doc, target: ErasureTarget, messageIds?: readonly string[]): RoomErasurePlan {
  const messages = doc.getMap('messages');
  const out: RoomErasurePlan = { messageIds: [], reactions: 0, reads: 0, pins: 0, approvals: 0, hashes: new Set(), deletions: [] };
  if (messageIds) {
    for (const key of messageIds) {
      const value = messages.get(key);
      if (value === undefined || !messageErased(target, value)) continue;
      for (const hash of messageFileHashes(value)) out.hashes.add(hash);
      out.messageIds.push(key);
    }
  } else {
    messages.forEach((value, key) => {
      const message = plainMessage(value);
      if (!matches(target, message)) return;
      for (const hash of message.hashes) out.hashes.add(hash);
      out.messageIds.push(key);
    });
  }
  for (const key of out.messageIds) out.deletions.push({ map: 'messages', key });
  const erased = new Set(out.messageIds);
  for (const key of doc.getMap('reactions').keys()) {
    const [messageId = '', userId = ''] = key.split(' ');
    if (erased.has(messageId) || (target.kind === 'member' && target.memberIds.has(userId))) {
      out.deletions.push({ map: 'reactions', key });
      out.reactions += 1;
    }
  }
  for (const key of doc.getMap('pins').keys()) {
    if (!erased.has(key)) continue;
    out.deletions.push({ map: 'pins', key });
    out.pins += 1;
  }
  if (target.kind === 'member') {
    for (const key of doc.getMap('reads').keys()) {
      if (!target.memberIds.has(key)) continue;
      out.deletions.push({ map: 'reads', key });
      out.reads += 1;
    }
    const held = heldFor(doc, target.memberIds);
    for (const name of ['approvals', 'approvalDecisions']) {
      const map = doc.getMap(name);
      for (const key of held) {
        if (!map.has(key)) continue;
        out.deletions.push({ map: name, key });
        out.approvals += 1;
      }
    }
  }
  // Tool calls (key "<messageId> <index>"): those of removed replies, and those a member's device recorded.
  for (const [key, value] of doc.getMap('toolCalls').entries()) {
    const postedBy = stringField(value, 'postedBy');
    if (!erased.has(key.split(' ')[0] ?? '') && !(target.kind === 'member' && postedBy !== null && target.memberIds.has(postedBy))) continue;
    out.deletions.push({ map: 'toolCalls', key });
    out.approvals += 1;
  }
  return out;
}

/**
 * Deletes from room doc `doc` the messages `target` names, the reactions,
 * pins and tool calls on them, and, for a member, their own reactions and
 * read pointer, the held actions waiting for them (with every decision on
 * those) and the tool calls their device recorded.
 */
export function eraseFromRoomDoc(doc: Y.Doc, target: ErasureTarget): RoomErasure {
  const { deletions, ...erased } = planRoomErasure(doc, target);
  for (const { map, key } of deletions) doc.getMap(map).delete(key);
  return erased;
}

/** Hashes of the files the messages of room doc `doc` still name. */
export function liveFileHashes(doc: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const value of doc.getMap('messages').values()) for (const hash of plainMessage(value).hashes) out.add(hash);
  return out;
}

/** Deletes from a digital human's doc every memory learnt from one of `messageIds`; returns how many. */
export function eraseMemoriesFrom(doc: Y.Doc, messageIds: ReadonlySet<string>): number {
  if (messageIds.size === 0) return 0;
  const memories = doc.getMap('memories');
  let count = 0;
  for (const [key, value] of [...memories.entries()]) {
    const sources = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).sourceMessageIds : undefined;
    if (!Array.isArray(sources) || !sources.some((s) => typeof s === 'string' && messageIds.has(s))) continue;
    memories.delete(key);
    count += 1;
  }
  return count;
}
