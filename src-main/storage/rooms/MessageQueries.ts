/**
 * Reads of the messages projection: pages of a timeline or a thread by
 * `(created_at, id)` cursor, single messages, pinned ones, and what a page
 * shows beside each message (reply counts, reactions, pending state).
 */
import type Database from 'better-sqlite3';
import type { SqliteDb } from '../openSqlite';

type Statement = Database.Statement<unknown[]>;

/** A projected message row, with `pending` resolved against `sync_pending`. */
export interface MessageRow {
  room_id: string;
  id: string;
  author_id: string;
  text: string;
  created_at: number;
  edited_at: number | null;
  deleted: number;
  thread_root_id: string | null;
  mentions: string;
  pinned: number;
  pending: number;
}

/** Replies of a thread root. */
export interface ReplyStats {
  count: number;
  lastAt: number | null;
}

/** One reaction of one person. */
export interface ReactionRow {
  message_id: string;
  user_id: string;
  emoji: string;
}

/** A window of messages, oldest first, with whether more exist on each side. */
export interface RowPage {
  rows: MessageRow[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}

/** The columns of a message row; `pending` is true while the relay has not acknowledged this device's last write of it. */
export const MESSAGE_COLUMNS = `m.room_id, m.id, m.author_id, m.text, m.created_at, m.edited_at, m.deleted, m.thread_root_id,
  m.mentions, m.pinned,
  (m.local_seq IS NOT NULL AND EXISTS (SELECT 1 FROM sync_pending p WHERE p.doc_id = 'room/' || m.room_id AND p.seq = m.local_seq)) AS pending`;

type Thread = 'timeline' | 'thread';

/** Queries over the messages of one workspace database. */
export class MessageQueries {
  private readonly stmts = new Map<string, Statement>();

  constructor(private readonly db: SqliteDb) {}

  /** Message `id` of room `roomId`, or null. */
  get(roomId: string, id: string): MessageRow | null {
    return (this.stmt('get', `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.room_id = ? AND m.id = ?`).get(roomId, id) as MessageRow | undefined) ?? null;
  }

  /** The latest `limit` messages of the timeline (threadRootId null) or of a thread. */
  latest(roomId: string, threadRootId: string | null, limit: number): RowPage {
    const rows = this.select(roomId, threadRootId, 'desc', null, limit + 1);
    const hasMoreBefore = rows.length > limit;
    return { rows: rows.slice(0, limit).reverse(), hasMoreBefore, hasMoreAfter: false };
  }

  /** The `limit` messages just older than `cursor` (or newer, with `direction` 'after'). */
  page(roomId: string, threadRootId: string | null, cursor: MessageRow, direction: 'before' | 'after', limit: number): RowPage {
    const at = { createdAt: cursor.created_at, id: cursor.id };
    if (direction === 'before') {
      const rows = this.select(roomId, threadRootId, 'desc', at, limit + 1);
      const page = rows.slice(0, limit).reverse();
      return { rows: page, hasMoreBefore: rows.length > limit, hasMoreAfter: this.exists(roomId, threadRootId, 'asc', page.at(-1) ?? null, at) };
    }
    const rows = this.select(roomId, threadRootId, 'asc', at, limit + 1);
    const page = rows.slice(0, limit);
    return { rows: page, hasMoreBefore: this.exists(roomId, threadRootId, 'desc', page[0] ?? null, at), hasMoreAfter: rows.length > limit };
  }

  /** About `limit` messages centred on `target`, in its own timeline or thread. */
  around(target: MessageRow, limit: number): RowPage {
    const threadRootId = target.thread_root_id;
    const at = { createdAt: target.created_at, id: target.id };
    const beforeWanted = Math.floor((limit - 1) / 2);
    const older = this.select(target.room_id, threadRootId, 'desc', at, beforeWanted + 1);
    const newer = this.select(target.room_id, threadRootId, 'asc', at, limit - 1 - beforeWanted + 1);
    const afterWanted = limit - 1 - beforeWanted;
    return {
      rows: [...older.slice(0, beforeWanted).reverse(), target, ...newer.slice(0, afterWanted)],
      hasMoreBefore: older.length > beforeWanted,
      hasMoreAfter: newer.length > afterWanted,
    };
  }

  /** The pinned messages of `roomId`, oldest first. */
  pinned(roomId: string): MessageRow[] {
    return this.stmt('pinned', `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.room_id = ? AND m.pinned = 1 ORDER BY m.created_at, m.id`).all(roomId) as MessageRow[];
  }

  /** Reply count and last reply time of each of `rootIds` that has replies. */
  replyStats(roomId: string, rootIds: readonly string[]): Map<string, ReplyStats> {
    const out = new Map<string, ReplyStats>();
    if (rootIds.length === 0) return out;
    const rows = this.stmt(
      'replies',
      `SELECT thread_root_id AS root, COUNT(*) AS n, MAX(created_at) AS last FROM messages
       WHERE room_id = ? AND thread_root_id IN (SELECT value FROM json_each(?)) AND deleted = 0 GROUP BY thread_root_id`,
    ).all(roomId, JSON.stringify(rootIds)) as { root: string; n: number; last: number }[];
    for (const r of rows) out.set(r.root, { count: r.n, lastAt: r.last });
    return out;
  }

  /** The reactions on `messageIds` of `roomId`. */
  reactions(roomId: string, messageIds: readonly string[]): ReactionRow[] {
    if (messageIds.length === 0) return [];
    return this.stmt(
      'reactions',
      `SELECT message_id, user_id, emoji FROM message_reactions
       WHERE room_id = ? AND message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, emoji, user_id`,
    ).all(roomId, JSON.stringify(messageIds)) as ReactionRow[];
  }

  /**
   * The relay acknowledged this device's writes of room `roomId` with log seq
   * `seq` (exactly) or up to `upto`: returns the messages they wrote, which
   * are no longer pending, and forgets their seq.
   */
  takeAcknowledged(roomId: string, ack: { seq?: number; upto?: number }): string[] {
    const ids: string[] = [];
    if (ack.seq !== undefined) {
      ids.push(...(this.stmt('ackSeq', 'UPDATE messages SET local_seq = NULL WHERE room_id = ? AND local_seq = ? RETURNING id').pluck().all(roomId, ack.seq) as string[]));
    }
    if (ack.upto !== undefined) {
      ids.push(...(this.stmt('ackUpto', 'UPDATE messages SET local_seq = NULL WHERE room_id = ? AND local_seq <= ? RETURNING id').pluck().all(roomId, ack.upto) as string[]));
    }
    return ids;
  }

  /** Runs `fn` in one read transaction, so a page and its "more" flags agree. */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  private select(roomId: string, threadRootId: string | null, order: 'asc' | 'desc', at: { createdAt: number; id: string } | null, limit: number): MessageRow[] {
    const thread: Thread = threadRootId === null ? 'timeline' : 'thread';
    const cmp = order === 'desc' ? '<' : '>';
    const key = `select:${thread}:${order}:${at ? 'at' : 'all'}`;
    const sql = `SELECT ${MESSAGE_COLUMNS} FROM messages m
      WHERE m.room_id = ? AND ${thread === 'timeline' ? 'm.thread_root_id IS NULL' : 'm.thread_root_id = ?'}
      ${at ? `AND (m.created_at, m.id) ${cmp} (?, ?)` : ''}
      ORDER BY m.created_at ${order}, m.id ${order} LIMIT ?`;
    const params: unknown[] = [roomId];
    if (threadRootId !== null) params.push(threadRootId);
    if (at) params.push(at.createdAt, at.id);
    params.push(limit);
    return this.stmt(key, sql).all(...params) as MessageRow[];
  }

  /** Whether a message lies beyond `edge` in direction `order` (never crossing `stop`, the cursor, when the page is empty). */
  private exists(roomId: string, threadRootId: string | null, order: 'asc' | 'desc', edge: MessageRow | null, stop: { createdAt: number; id: string }): boolean {
    const from = edge ? { createdAt: edge.created_at, id: edge.id } : stop;
    if (!edge) {
      // An empty page: anything on the far side of the cursor itself counts, the cursor included.
      const row = this.get(roomId, stop.id);
      if (row && (row.thread_root_id ?? null) === threadRootId) return true;
    }
    return this.select(roomId, threadRootId, order, from, 1).length > 0;
  }

  private stmt(key: string, sql: string): Statement {
    let s = this.stmts.get(key);
    if (!s) this.stmts.set(key, (s = this.db.prepare<unknown[]>(sql)));
    return s;
  }
}
