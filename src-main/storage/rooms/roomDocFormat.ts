/**
 * Format of a room doc, `room/<roomId>` (write/read pairs: the writers are
 * used by the domain, the readers by the projections, and a reader never
 * trusts what it reads, since a peer may have written it):
 *
 * - `messages`: Y.Map messageId → MessageRecord, a plain JSON object
 *   `{id, authorId, text, createdAt, editedAt, deleted, threadRootId, mentions}`
 *   plus, for a digital human's message, `postedBy`: the member whose device
 *   wrote it (the relay accepts a digital human's message only from that
 *   member's connection, sync-server/policy/checkRoomUpdate.ts), and, when
 *   files are attached, `files`: `[{hash, name, size, type}]`, the blobs it
 *   names (format and checks in storage/files/fileRefFormat.ts; the bytes
 *   are content-addressed blobs, never in the doc). A delete drops them.
 *   Only the author changes it, by replacing the whole value: an edit sets
 *   `text` and `editedAt`; a delete leaves a tombstone with `deleted: true`,
 *   an empty text and no mentions (Yjs garbage-collects the replaced value,
 *   so the deleted text is gone from the doc too).
 * - `reactions`: Y.Map `"<messageId> <userId> <emoji>"` → createdAt. One key
 *   per person and emoji (an emoji has no whitespace), so two people reacting
 *   at once never overwrite each other, as a nested map per emoji would.
 * - `pins`: Y.Map messageId → `{by, at}`.
 * - `reads`: Y.Map userId → `{messageId, createdAt}`, each person's read pointer.
 * - `claims`: which device answers a trigger for a digital human; written
 *   by the agent runtime, format in src-main/storage/agents/claimDocFormat.ts.
 */
import { ENTITY_ID_PATTERN } from '../../common/ids';
import { readFileRefs, writeFileRefs, type FileRef } from '../files/fileRefFormat';

/** A message as stored in its room doc. */
export interface MessageRecord {
  id: string;
  authorId: string;
  text: string;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  threadRootId: string | null;
  mentions: string[];
  /** For a digital human's message: the member whose device wrote it. */
  postedBy?: string | null;
  /** Files attached to it (none when absent). */
  files?: FileRef[];
}

/** Where a person has read up to in a room. */
export interface ReadPointer {
  messageId: string;
  createdAt: number;
}

/** A reaction key, split. */
export interface ReactionKey {
  messageId: string;
  userId: string;
  emoji: string;
}

/** The root maps of a room doc the rooms feature writes (`claims` belongs to the agent runtime). */
export const ROOM_DOC_MAPS = ['messages', 'reactions', 'pins', 'reads'] as const;

/** The longest text a reader accepts (a peer could send more than our UI allows). */
const MAX_TEXT = 40_000;

/** The doc name of room `roomId`. */
export function roomDocName(roomId: string): string {
  return `room/${roomId}`;
}

/** The room id of doc `docName`, or null when it is not a room doc. */
export function roomIdOfDoc(docName: string): string | null {
  return docName.startsWith('room/') ? docName.slice(5) : null;
}

/** The value to store under `messages[record.id]`. */
export function writeMessageRecord(record: MessageRecord): Record<string, unknown> {
  return {
    id: record.id,
    authorId: record.authorId,
    text: record.deleted ? '' : record.text,
    createdAt: record.createdAt,
    editedAt: record.editedAt,
    deleted: record.deleted,
    threadRootId: record.threadRootId,
    mentions: record.deleted ? [] : [...record.mentions],
    ...(record.postedBy ? { postedBy: record.postedBy } : {}),
    ...(record.files && record.files.length > 0 && !record.deleted ? { files: writeFileRefs(record.files) } : {}),
  };
}

/** Reads `messages[key]`; null when it is not a well-formed message. */
export function readMessageRecord(key: string, value: unknown): MessageRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.authorId !== 'string' || !ENTITY_ID_PATTERN.test(v.authorId)) return null;
  if (!Number.isSafeInteger(v.createdAt)) return null;
  const deleted = v.deleted === true;
  const threadRootId = typeof v.threadRootId === 'string' && ENTITY_ID_PATTERN.test(v.threadRootId) && v.threadRootId !== key ? v.threadRootId : null;
  const mentions = Array.isArray(v.mentions) ? v.mentions.filter((m): m is string => typeof m === 'string' && ENTITY_ID_PATTERN.test(m)) : [];
  return {
    id: key,
    authorId: v.authorId,
    text: deleted || typeof v.text !== 'string' ? '' : v.text.slice(0, MAX_TEXT),
    createdAt: v.createdAt as number,
    editedAt: Number.isSafeInteger(v.editedAt) ? (v.editedAt as number) : null,
    deleted,
    threadRootId,
    mentions: deleted ? [] : [...new Set(mentions)].slice(0, 100),
    postedBy: typeof v.postedBy === 'string' && ENTITY_ID_PATTERN.test(v.postedBy) ? v.postedBy : null,
    files: deleted ? [] : readFileRefs(v.files),
  };
}

/** The key of `userId`'s `emoji` on message `messageId` in `reactions`. */
export function reactionKey(messageId: string, userId: string, emoji: string): string {
  return `${messageId} ${userId} ${emoji}`;
}

/** Splits a `reactions` key; null when malformed. */
export function parseReactionKey(key: string): ReactionKey | null {
  const first = key.indexOf(' ');
  const second = key.indexOf(' ', first + 1);
  if (first < 0 || second < 0) return null;
  const messageId = key.slice(0, first);
  const userId = key.slice(first + 1, second);
  const emoji = key.slice(second + 1);
  if (!ENTITY_ID_PATTERN.test(messageId) || !ENTITY_ID_PATTERN.test(userId) || emoji.length === 0 || emoji.length > 32) return null;
  return { messageId, userId, emoji };
}

/** The value to store under `reads[userId]`. */
export function writeReadPointer(pointer: ReadPointer): Record<string, unknown> {
  return { messageId: pointer.messageId, createdAt: pointer.createdAt };
}

/** Reads `reads[userId]`; null when malformed. */
export function readReadPointer(value: unknown): ReadPointer | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.messageId !== 'string' || !ENTITY_ID_PATTERN.test(v.messageId) || !Number.isSafeInteger(v.createdAt)) return null;
  return { messageId: v.messageId, createdAt: v.createdAt as number };
}
