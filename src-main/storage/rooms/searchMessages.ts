/**
 * Full-text search over the messages projection: FTS5 (BM25 ranking) with
 * SQL filters on author, room, mention and date. The match expression is
 * built by the caller from quoted terms only (see buildFtsMatch), so user
 * text never reaches FTS5's query syntax.
 *
 * Ranking is BM25 over the newest MAX_CANDIDATES matches that pass the
 * filters (newest by index order, which follows arrival): exact for any
 * query with fewer matches, and for a word found in half the workspace it
 * keeps a search instant and favours recent messages, as chat search should.
 * The candidates are read in rowid order straight from the FTS index (no
 * sort), and BM25 is computed for them only. Without words, filters list
 * the newest messages first.
 */
import type { SqliteDb } from '../openSqlite';
import { MESSAGE_COLUMNS, type MessageRow } from './MessageQueries';

/** How many of the newest matches are ranked. */
export const MAX_CANDIDATES = 2000;

/** What to search for. Empty lists mean "none allowed"; null means "no filter". */
export interface MessageSearch {
  /** An FTS5 MATCH expression, or null to list the newest messages matching the filters. */
  match: string | null;
  /** Rooms to search in (already limited to those the person may see). */
  roomIds: readonly string[];
  authorIds: readonly string[] | null;
  /** Only messages that mention this member. */
  mentioning: string | null;
  /** created_at < before. */
  before: number | null;
  /** created_at >= after. */
  after: number | null;
  limit: number;
}

/** Messages matching `search`, best first (newest first without a match expression). */
export function searchMessages(db: SqliteDb, search: MessageSearch): MessageRow[] {
  if (search.roomIds.length === 0 || search.authorIds?.length === 0) return [];
  const where: string[] = ['m.deleted = 0', 'm.room_id IN (SELECT value FROM json_each(?))'];
  const params: unknown[] = [JSON.stringify(search.roomIds)];
  if (search.authorIds) {
    where.push('m.author_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(search.authorIds));
  }
  if (search.before !== null) {
    where.push('m.created_at < ?');
    params.push(search.before);
  }
  if (search.after !== null) {
    where.push('m.created_at >= ?');
    params.push(search.after);
  }
  if (search.match !== null) {
    if (search.mentioning !== null) {
      where.push('EXISTS (SELECT 1 FROM message_mentions mm WHERE mm.member_id = ? AND mm.room_id = m.room_id AND mm.message_id = m.id)');
      params.push(search.mentioning);
    }
    const sql = `SELECT ${MESSAGE_COLUMNS} FROM (
        SELECT m.seq AS seq, bm25(messages_fts) AS score FROM messages_fts CROSS JOIN messages m ON m.seq = messages_fts.rowid
        WHERE messages_fts MATCH ? AND ${where.join(' AND ')} ORDER BY messages_fts.rowid DESC LIMIT ${MAX_CANDIDATES}
      ) c CROSS JOIN messages m ON m.seq = c.seq ORDER BY c.score, m.created_at DESC LIMIT ?`;
    return db.prepare(sql).all(search.match, ...params, search.limit) as MessageRow[];
  }
  if (search.mentioning !== null) {
    // Driven by the person's mentions, which are few.
    const sql = `SELECT ${MESSAGE_COLUMNS} FROM message_mentions mm CROSS JOIN messages m ON m.room_id = mm.room_id AND m.id = mm.message_id
      WHERE mm.member_id = ? AND ${where.join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT ?`;
    return db.prepare(sql).all(search.mentioning, ...params, search.limit) as MessageRow[];
  }
  // by author: the (author_id, created_at) index; otherwise newest rows first until enough pass the filters.
  const order = search.authorIds ? 'm.created_at DESC, m.id DESC' : 'm.seq DESC';
  const sql = `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`;
  return db.prepare(sql).all(...params, search.limit) as MessageRow[];
}
