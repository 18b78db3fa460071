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
/** How many of the best matches over all digital humans are read to find `limit` of one. */
const POOL_FACTOR = 4;

/** A span of time, in ms: from ≤ at < to. */
export interface TimeWindow {
  from: number;
  to: number;
}

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
   *
   * The best matches are first ranked over the whole index, without looking
   * at whose they are (checking each match's digital human costs a row read
   * per match, more than ranking it), then kept if they are `dhId`'s: first
   * `limit` of them, then four times as many if others' took places. Only
   * when other digital humans' memories crowd them out is the search done
   * again, filtering every match.
   */
  search(dhId: string, match: string, limit: number, window: TimeWindow | null = null, filter: MemoryFilter | null = null): ScoredMemoryRow[] {
    const where = ['m.dh_id = ?'];
    const params: unknown[] = [dhId];
    if (window) {
      where.push('m.at >= ? AND m.at < ?');
      params.push(window.from, window.to);
    }
    if (filter?.kind != null) {
      where.push('m.kind = ?');
      params.push(filter.kind);
    }
    if (filter?.pinned != null) where.push(filter.pinned ? 'm.pinned = 1' : 'm.pinned = 0');
    const conditions = where.join(' AND ');
    if (window === null && filter === null) {
      // The best `limit` first: when the memories are mostly this digital human's, they are all its own
      // (ranking fewer costs less); then a pool POOL_FACTOR times larger, when others' took some places.
      for (const pool of [limit, limit * POOL_FACTOR]) {
        const best = this.stmt('searchPool', `SELECT rowid AS seq, bm25(memories_fts, 1.0, ${TAGS_WEIGHT}) AS score FROM memories_fts WHERE memories_fts MATCH ? ORDER BY score LIMIT ?`).all(
          match,
          pool,
        ) as { seq: number; score: number }[];
        const ours: ScoredMemoryRow[] = [];
        // Read in slices: usually the first slice is all of ours.
        for (let i = 0; i < best.length && ours.length < limit; i += limit) {
          const slice = best.slice(i, i + limit);
          const rows = new Map(this.bySeq(slice.map((b) => b.seq)).map((r) => [r.seq, r]));
          for (const b of slice) {
            const row = rows.get(b.seq);
            if (row && row.dh_id === dhId && ours.length < limit) ours.push({ ...row, bm25: b.score });
          }
        }
        // Complete unless the pool was full and others' memories left fewer than `limit` of ours.
        if (ours.length === limit || best.length < pool) return ours;
      }
    }
    const sql = `SELECT ${COLUMNS}, c.score AS bm25 FROM (
        SELECT m.seq AS seq, bm25(memories_fts, 1.0, ${TAGS_WEIGHT}) AS score FROM memories_fts CROSS JOIN memories m ON m.seq = memories_fts.rowid
        WHERE memories_fts MATCH ? AND ${conditions} ORDER BY score LIMIT ?
      ) c CROSS JOIN memories m ON m.seq = c.seq ORDER BY c.score, m.seq`;
    return this.stmt(`search:${conditions}`, sql).all(match, ...params, limit) as ScoredMemoryRow[];
  }

  /** Memories of `dhId` whose `at` lies in `window`, nearest to its middle first. */
  inWindow(dhId: string, window: TimeWindow, limit: number): MemoryRow[] {
    const sql = `SELECT ${COLUMNS} FROM memories m WHERE m.dh_id = ? AND m.at >= ? AND m.at < ? ORDER BY abs(m.at - ?), m.seq LIMIT ?`;
    return this.stmt('inWindow', sql).all(dhId, window.from, window.to, (window.from + window.to) / 2, limit) as MemoryRow[];
  }

  /**
   * How many memories (of any digital human) match `match`, counting no
   * further than `cap`: a cheap document frequency, to tell words found
   * nearly everywhere.
   */
  countMatches(match: string, cap: number): number {
    return (this.stmt('countMatches', 'SELECT count(*) AS n FROM (SELECT rowid FROM memories_fts WHERE memories_fts MATCH ? LIMIT ?)').get(match, cap) as { n: number }).n;
  }

  /** An upper bound of the number of memories in this database, read in constant time. */
  sizeBound(): number {
    return (this.stmt('sizeBound', 'SELECT coalesce(max(seq), 0) AS n FROM memories').get() as { n: number }).n;
  }

  /** When the most recent memory of `dhId` that happened by `notAfter` happened (its `at`), or null (index `memories_at`). */
  latestAt(dhId: string, notAfter: number): number | null {
    return (this.stmt('latestAt', 'SELECT max(at) AS t FROM memories WHERE dh_id = ? AND at IS NOT NULL AND at <= ?').get(dhId, notAfter) as { t: number | null }).t;
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
