/**
 * Full-text search over the conversations a digital human took part in:
 * messages it wrote, messages that mention it, and messages of rooms it is
 * a member of. Recall uses it beside the memories, so what was said but
 * never distilled into a memory can still be found.
 *
 * Ranking is BM25 over the newest MAX_CANDIDATES matches (as in message
 * search): the conversations of a busy workspace can be far larger than a
 * memory, and a recall must stay fast.
 */
import type Database from 'better-sqlite3';
import type { SqliteDb } from '../openSqlite';

/** How many of the newest matching messages are ranked. */
export const MAX_CANDIDATES = 2000;

/** A message found for a digital human. */
export interface DhMessageRow {
  room_id: string;
  id: string;
  author_id: string;
  text: string;
  created_at: number;
  bm25: number;
}

const statements = new WeakMap<SqliteDb, Database.Statement<unknown[]>>();

/** The `limit` messages best matching `match` among those `dhId` wrote, was mentioned in, or could read as a member. */
export function searchDhMessages(db: SqliteDb, dhId: string, match: string, limit: number): DhMessageRow[] {
  // rooms.members is a JSON array of [memberId, joinedAt] pairs (see RoomQueries).
  const sql = `WITH member_rooms AS (SELECT r.id FROM rooms r, json_each(r.members) j WHERE j.value ->> 0 = ?)
    SELECT m.room_id, m.id, m.author_id, m.text, m.created_at, c.score AS bm25 FROM (
      SELECT m.seq AS seq, bm25(messages_fts) AS score FROM messages_fts CROSS JOIN messages m ON m.seq = messages_fts.rowid
      WHERE messages_fts MATCH ? AND m.deleted = 0 AND (
        m.room_id IN (SELECT id FROM member_rooms)
        OR m.author_id = ?
        OR EXISTS (SELECT 1 FROM message_mentions mm WHERE mm.member_id = ? AND mm.room_id = m.room_id AND mm.message_id = m.id))
      ORDER BY messages_fts.rowid DESC LIMIT ${MAX_CANDIDATES}
    ) c CROSS JOIN messages m ON m.seq = c.seq ORDER BY c.score, m.created_at DESC LIMIT ?`;
  let stmt = statements.get(db);
  if (!stmt) statements.set(db, (stmt = db.prepare(sql)));
  return stmt.all(dhId, match, dhId, dhId, limit) as DhMessageRow[];
}
