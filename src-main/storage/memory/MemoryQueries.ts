/**
 * Reads of the memories projection: one memory, pages of a digital human's
 * memories (newest on this device first, by `seq` cursor), and BM25-ranked
 * full-text candidates for recall. FTS5 MATCH expressions are built by the
 * caller from quoted terms only (see buildRecallQuery), so user text never
 * reaches FTS5's query syntax.
 */
import type Database from 'better-sqlite3';
import type { SqliteDb } from '../openSqlite';

type Statement = Database.Statement<unknown[]>;

/** A projected memory row. */
export interface MemoryRow {
  seq: number;
  dh_id: string;
  id: string;
  text: string;
  kind: string;
  /** Space-separated. */
  tags: string;
  importance: number;
  pinned: number;
  source: string | null;
  at: number | null;
  created_at: number;
  updated_at: number;
  /** JSON array. */
  source_message_ids: string;
}

/** A memory row with its BM25 score (lower is better, as FTS5 reports it). */
export interface ScoredMemoryRow extends MemoryRow {
  bm25: number;
}

/** Filters of a page of memories. */
export interface MemoryFilter {
  kind: string | null;
  pinned: boolean | null;
}


const COLUMNS = 'm.seq, m.dh_id, m.id, m.text, m.kind, m.tags, m.importance, m.pinned, m.source, m.at, m.created_at, m.updated_at, m.source_message_ids';

/** BM25 weight of the tags column beside the text (a tag is a word the user chose, but short). */
const TAGS_WEIGHT = 0.6;

/** Queries over the memories of one workspace database. */
export class MemoryQueries {
  private readonly stmts = new Map<string, Statement>();

  constructor(private readonly db: SqliteDb) {}

  /** Memory `id` of `dhId`, or null. */
  get(dhId: string, id: string): MemoryRow | null {
    return (this.stmt('get', `SELECT ${COLUMNS} FROM memories m WHERE m.dh_id = ? AND m.id = ?`).get(dhId, id) as MemoryRow | undefined) ?? null;
  }

  /** Memories by local seq (any digital human), in no particular order. */
  bySeq(seqs: readonly number[]): MemoryRow[] {
    if (seqs.length === 0) return [];
    return this.stmt('bySeq', `SELECT ${COLUMNS} FROM memories m WHERE m.seq IN (SELECT value FROM json_each(?))`).all(JSON.stringify(seqs)) as MemoryRow[];
  }

  /** Up to `limit` memories of `dhId` matching `filter`, newest first, older than `beforeSeq`. */
  page(dhId: string, filter: MemoryFilter, beforeSeq: number | null, limit: number): MemoryRow[] {
    const where = ['m.dh_id = ?'];
    const params: unknown[] = [dhId];
    if (filter.kind !== null) {
      where.push('m.kind = ?');
      params.push(filter.kind);
    }
    if (filter.pinned !== null) where.push(filter.pinned ? 'm.pinned = 1' : 'm.pinned = 0');
    if (beforeSeq !== null) {
      where.push('m.seq < ?');
      params.push(beforeSeq);
    }
    const sql = `SELECT ${COLUMNS} FROM memories m WHERE ${where.join(' AND ')} ORDER BY m.seq DESC LIMIT ?`;
    return this.stmt(`page:${where.join(' AND ')}`, sql).all(...params, limit) as MemoryRow[];
  }

  /**
   * The `limit` memories of `dhId` best matching `match` (BM25 over text and
   * tags), best first; with `window`, only those whose `at` lies in it.
   */
  search(dhId: string, match: string, limit: number, window: { from: number; to: number } | null = null, filter: MemoryFilter | null = null): ScoredMemoryRow[] {
    const where = ['memories_fts MATCH ?', 'm.dh_id = ?'];
    const params: unknown[] = [match, dhId];
    if (window) {
      where.push('m.at >= ? AND m.at < ?');
      params.push(window.from, window.to);
    }
    if (filter?.kind != null) {
      where.push('m.kind = ?');
      params.push(filter.kind);
    }
    if (filter?.pinned != null) where.push(filter.pinned ? 'm.pinned = 1' : 'm.pinned = 0');
    const sql = `SELECT ${COLUMNS}, bm25(memories_fts, 1.0, ${TAGS_WEIGHT}) AS bm25
      FROM memories_fts CROSS JOIN memories m ON m.seq = memories_fts.rowid
      WHERE ${where.join(' AND ')} ORDER BY bm25, m.seq LIMIT ?`;
    return this.stmt(`search:${where.join(' AND ')}`, sql).all(...params, limit) as ScoredMemoryRow[];
  }

  /** Memories of `dhId` whose `at` lies in `window`, nearest to its middle first. */
  inWindow(dhId: string, window: { from: number; to: number }, limit: number): MemoryRow[] {
    const sql = `SELECT ${COLUMNS} FROM memories m WHERE m.dh_id = ? AND m.at >= ? AND m.at < ? ORDER BY abs(m.at - ?), m.seq LIMIT ?`;
    return this.stmt('inWindow', sql).all(dhId, window.from, window.to, (window.from + window.to) / 2, limit) as MemoryRow[];
  }

  /** How many memories `dhId` has. */
  count(dhId: string): number {
    return (this.stmt('count', 'SELECT count(*) AS n FROM memories WHERE dh_id = ?').get(dhId) as { n: number }).n;
  }

  private stmt(key: string, sql: string): Statement {
    let s = this.stmts.get(key);
    if (!s) this.stmts.set(key, (s = this.db.prepare(sql)));
    return s;
  }
}
