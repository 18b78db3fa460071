/**
 * Projection of each room doc (`room/<id>`, format in roomDocFormat.ts) into
 * `messages` (kept in step with its FTS5 index `messages_fts` by triggers),
 * `message_reactions`, `message_mentions` and `read_pointers`.
 *
 * One state per room doc. A change is applied entry by entry: only the
 * messages, reactions, pins and read pointers its transaction touched are
 * written. `local_seq` remembers the log seq of this device's last write to a
 * message, which tells whether the relay has acknowledged it yet (`pending`).
 */
import type * as Y from 'yjs';
import { changedRootKeys } from '../changedRootKeys';
import type { SqliteDb } from '../openSqlite';
import type { Projection } from '../ProjectionRunner';
import { parseReactionKey, readMessageRecord, readReadPointer, roomIdOfDoc } from './roomDocFormat';

/** Prepared statements, one set per database connection. */
class Statements {
  readonly upsertMessage;
  readonly deleteMessage;
  readonly setPinned;
  readonly deleteMentions;
  readonly insertMention;
  readonly insertReaction;
  readonly deleteReaction;
  readonly upsertRead;
  readonly deleteRead;
  readonly isPending;

  constructor(db: SqliteDb) {
    this.upsertMessage = db.prepare(
      `INSERT INTO messages (room_id, id, author_id, text, created_at, edited_at, deleted, thread_root_id, mentions, pinned, local_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (room_id, id) DO UPDATE SET author_id = excluded.author_id, text = excluded.text,
         created_at = excluded.created_at, edited_at = excluded.edited_at, deleted = excluded.deleted,
         thread_root_id = excluded.thread_root_id, mentions = excluded.mentions, pinned = excluded.pinned,
         local_seq = COALESCE(excluded.local_seq, messages.local_seq)`,
    );
    this.deleteMessage = db.prepare('DELETE FROM messages WHERE room_id = ? AND id = ?');
    this.setPinned = db.prepare('UPDATE messages SET pinned = ? WHERE room_id = ? AND id = ?');
    this.deleteMentions = db.prepare('DELETE FROM message_mentions WHERE room_id = ? AND message_id = ?');
    this.insertMention = db.prepare(
      'INSERT OR IGNORE INTO message_mentions (member_id, room_id, created_at, message_id) VALUES (?, ?, ?, ?)',
    );
    this.insertReaction = db.prepare(
      'INSERT OR IGNORE INTO message_reactions (room_id, message_id, user_id, emoji) VALUES (?, ?, ?, ?)',
    );
    this.deleteReaction = db.prepare(
      'DELETE FROM message_reactions WHERE room_id = ? AND message_id = ? AND user_id = ? AND emoji = ?',
    );
    this.upsertRead = db.prepare(
      `INSERT INTO read_pointers (room_id, user_id, message_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (room_id, user_id) DO UPDATE SET message_id = excluded.message_id, created_at = excluded.created_at`,
    );
    this.deleteRead = db.prepare('DELETE FROM read_pointers WHERE room_id = ? AND user_id = ?');
    this.isPending = db.prepare('SELECT 1 FROM sync_pending WHERE doc_id = ? AND seq = ?').pluck();
  }
}

const cache = new WeakMap<SqliteDb, Statements>();

function statements(db: SqliteDb): Statements {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = new Statements(db)));
  return s;
}

/** The `room_messages` projection: one per room doc, applied change by change. */
export const roomMessagesProjection: Projection = {
  name: 'room_messages',
  version: 1,
  docName: 'room/',
  rebuild(db, doc, docName) {
    const roomId = requireRoomId(docName);
    // Keep which messages still wait for the relay: the doc cannot tell.
    const localSeqs = new Map(
      (db.prepare('SELECT id, local_seq FROM messages WHERE room_id = ? AND local_seq IS NOT NULL').all(roomId) as { id: string; local_seq: number }[]).map(
        (r) => [r.id, r.local_seq],
      ),
    );
    for (const table of ['messages', 'message_reactions', 'message_mentions', 'read_pointers']) {
      db.prepare(`DELETE FROM ${table} WHERE room_id = ?`).run(roomId);
    }
    const s = statements(db);
    const messages = doc.getMap('messages');
    const pins = doc.getMap('pins');
    for (const key of messages.keys()) projectMessage(s, roomId, messages, pins, key, localSeqs.get(key) ?? null);
    const reactions = doc.getMap('reactions');
    for (const key of reactions.keys()) projectReaction(s, roomId, reactions, key);
    const reads = doc.getMap('reads');
    for (const key of reads.keys()) projectRead(s, roomId, reads, key);
  },
  apply(db, doc, change) {
    const roomId = requireRoomId(change.docName);
    const s = statements(db);
    const changed = changedRootKeys(doc, change.transaction);
    const messages = doc.getMap('messages');
    const pins = doc.getMap('pins');
    // Remember the seq only when it waits for a relay: a local-only workspace has nothing pending.
    const localSeq =
      change.origin.source !== 'remote' && change.seq !== null && s.isPending.get(change.docName, change.seq) !== undefined ? change.seq : null;
    for (const key of changed.get('messages') ?? []) projectMessage(s, roomId, messages, pins, key, localSeq);
    for (const key of changed.get('pins') ?? []) s.setPinned.run(pins.has(key) ? 1 : 0, roomId, key);
    const reactions = doc.getMap('reactions');
    for (const key of changed.get('reactions') ?? []) projectReaction(s, roomId, reactions, key);
    const reads = doc.getMap('reads');
    for (const key of changed.get('reads') ?? []) projectRead(s, roomId, reads, key);
  },
};

function requireRoomId(docName: string): string {
  const roomId = roomIdOfDoc(docName);
  if (roomId === null) throw new Error(`${docName} is not a room doc`);
  return roomId;
}

function projectMessage(s: Statements, roomId: string, messages: Y.Map<unknown>, pins: Y.Map<unknown>, key: string, localSeq: number | null): void {
  const m = readMessageRecord(key, messages.get(key));
  s.deleteMentions.run(roomId, key);
  if (!m) {
    s.deleteMessage.run(roomId, key);
    return;
  }
  s.upsertMessage.run(
    roomId,
    m.id,
    m.authorId,
    m.text,
    m.createdAt,
    m.editedAt,
    m.deleted ? 1 : 0,
    m.threadRootId,
    JSON.stringify(m.mentions),
    pins.has(key) ? 1 : 0,
    localSeq,
  );
  // A mention of yourself is no news: only others' mentions count.
  for (const memberId of m.mentions) if (memberId !== m.authorId) s.insertMention.run(memberId, roomId, m.createdAt, m.id);
}

function projectReaction(s: Statements, roomId: string, reactions: Y.Map<unknown>, key: string): void {
  const parsed = parseReactionKey(key);
  if (!parsed) return;
  if (reactions.has(key)) s.insertReaction.run(roomId, parsed.messageId, parsed.userId, parsed.emoji);
  else s.deleteReaction.run(roomId, parsed.messageId, parsed.userId, parsed.emoji);
}

function projectRead(s: Statements, roomId: string, reads: Y.Map<unknown>, key: string): void {
  const pointer = readReadPointer(reads.get(key));
  if (pointer) s.upsertRead.run(roomId, key, pointer.messageId, pointer.createdAt);
  else s.deleteRead.run(roomId, key);
}
