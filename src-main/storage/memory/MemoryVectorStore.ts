/**
 * Local vectors of memories, for the semantic half of recall. Derived data:
 * never synced, rebuilt by embedding again.
 *
 * Each embedded memory has its float vector in `memory_vectors` (with the
 * model that made it) and a binary code (one bit per dimension, its sign)
 * in a sqlite-vec `vec0` table per dimension, `memory_vec_<dims>`,
 * partitioned by (digital human, model) so a search reads only that
 * partition. A search finds candidates by Hamming distance over the codes
 * (tens of times cheaper than float distances: 100,000 vectors of 384
 * dimensions in a few ms), then ranks them by exact cosine distance over
 * their float vectors. Codes of other models are never compared: they live
 * in other partitions.
 *
 * What needs embedding is listed in `memory_vector_todo` (filled by triggers
 * when a memory is added or its text changes); `put` stores a vector only if
 * the memory still has the text that was embedded.
 */
import type Database from 'better-sqlite3';
import type { SqliteDb } from '../openSqlite';
import { hasVectorExtension } from './loadVectorExtension';

/** A memory waiting for its vector. */
export interface VectorTodo {
  seq: number;
  dhId: string;
  text: string;
}

/** A vector to store for memory `seq`, made from `text`. */
export interface VectorPut extends VectorTodo {
  vector: Float32Array;
}

/** A candidate of a vector search: memory `seq` at cosine `distance` (0 = same direction, 2 = opposite). */
export interface VectorHit {
  seq: number;
  distance: number;
}

/** Largest number of dimensions accepted (the largest embedding models are below). */
export const MAX_DIMS = 8192;

/**
 * How many candidates the binary search keeps for exact ranking, per item
 * wanted. The search's cost grows with it (100,000 codes: about 6 ms for 50
 * candidates, 14 ms for 120), so it stays modest: binary codes rank the true
 * neighbours near the top, and recall fuses vectors with full text anyway.
 */
const OVERSAMPLE = 2.5;
const MIN_CANDIDATES = 48;
const MAX_CANDIDATES = 200;

/** The vec0 table of `dims` dimensions (codes are whole bytes: dims padded to a multiple of 8). */
function vecTable(dims: number): string {
  return `memory_vec_${paddedDims(dims)}`;
}

function paddedDims(dims: number): number {
  return Math.ceil(dims / 8) * 8;
}

/** The vec0 partition of a digital human's vectors of one model (a DH id holds no `|`). */
function scope(dhId: string, model: string): string {
  return `${dhId}|${model}`;
}

/** The float32 bytes of `vector`, zero-padded to `dims` values. */
function floatBytes(vector: Float32Array, dims = vector.length): Buffer {
  const out = Buffer.alloc(dims * 4);
  Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(out);
  return out;
}

/** Vector tables of `db` (by padded dims), read each time: another process may have made one. */
function vecTables(db: SqliteDb): number[] {
  return (db.prepare('SELECT dims FROM memory_vector_indexes').pluck().all() as number[]).filter((d) => Number.isInteger(d) && d > 0 && d <= MAX_DIMS);
}

/**
 * Deletes every vector of memory `seq` (its float vector and its binary
 * codes). The projection calls it when a memory is deleted; without the
 * extension only the float vector can go, and the codes left behind are
 * never returned (a search keeps only memories that have a float vector).
 */
export function deleteMemoryVectors(db: SqliteDb, seq: number): void {
  db.prepare('DELETE FROM memory_vectors WHERE memory_seq = ?').run(seq);
  if (!hasVectorExtension(db)) return;
  for (const dims of vecTables(db)) db.prepare(`DELETE FROM memory_vec_${dims} WHERE rowid = ?`).run(BigInt(seq));
}

/** The vectors of one workspace database. */
export class MemoryVectorStore {
  constructor(private readonly db: SqliteDb) {}

  /** Whether vectors can be stored and searched here (the extension is loaded). */
  get available(): boolean {
    return hasVectorExtension(this.db);
  }

  /** Up to `limit` memories waiting for a vector, oldest first. */
  todo(limit: number): VectorTodo[] {
    return this.db
      .prepare(
        `SELECT t.seq AS seq, m.dh_id AS dhId, m.text AS text FROM memory_vector_todo t CROSS JOIN memories m ON m.seq = t.seq ORDER BY t.seq LIMIT ?`,
      )
      .all(limit) as VectorTodo[];
  }

  /** Whether any memory waits for a vector. */
  hasTodo(): boolean {
    return this.db.prepare('SELECT 1 FROM memory_vector_todo LIMIT 1').get() !== undefined;
  }

  /** How many memories wait for a vector. */
  todoCount(): number {
    return this.db.prepare('SELECT count(*) FROM memory_vector_todo').pluck().get() as number;
  }

  /** Queues for embedding every memory whose vector was made by another model than `model`. Returns how many. */
  requeueOtherModels(model: string): number {
    return this.db.prepare('INSERT OR IGNORE INTO memory_vector_todo (seq) SELECT memory_seq FROM memory_vectors WHERE model != ?').run(model).changes;
  }

  /**
   * Stores vectors made by `model`, in one transaction. A memory whose text
   * changed since (or that was deleted) is skipped: it stays queued with its
   * new text. Returns how many were stored.
   */
  put(model: string, items: readonly VectorPut[]): number {
    if (!this.available) throw new Error('The vector extension is not loaded');
    const currentText = this.db.prepare('SELECT text FROM memories WHERE seq = ?').pluck();
    const upsert = this.db.prepare(
      `INSERT INTO memory_vectors (memory_seq, dh_id, model, dims, vector) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (memory_seq) DO UPDATE SET dh_id = excluded.dh_id, model = excluded.model, dims = excluded.dims, vector = excluded.vector`,
    );
    const done = this.db.prepare('DELETE FROM memory_vector_todo WHERE seq = ?');
    return this.db.transaction(() => {
      const tables = new Set(vecTables(this.db));
      const statements = new Map<string, Database.Statement<unknown[]>>();
      const stmt = (sql: string): Database.Statement<unknown[]> => {
        let s = statements.get(sql);
        if (!s) statements.set(sql, (s = this.db.prepare(sql)));
        return s;
      };
      let stored = 0;
      for (const item of items) {
        const dims = item.vector.length;
        if (dims === 0 || dims > MAX_DIMS || currentText.get(item.seq) !== item.text) continue;
        const padded = paddedDims(dims);
        if (!tables.has(padded)) {
          this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${vecTable(dims)} USING vec0 (scope TEXT PARTITION KEY, code BIT[${padded}])`);
          this.db.prepare('INSERT OR IGNORE INTO memory_vector_indexes (dims) VALUES (?)').run(padded);
          tables.add(padded);
        }
        const rowid = BigInt(item.seq);
        // A vec0 row cannot be replaced in place, and a model of other dims may have left one elsewhere.
        for (const t of tables) stmt(`DELETE FROM memory_vec_${t} WHERE rowid = ?`).run(rowid);
        stmt(`INSERT INTO ${vecTable(dims)} (rowid, scope, code) VALUES (?, ?, vec_quantize_binary(?))`).run(
          rowid,
          scope(item.dhId, model),
          floatBytes(item.vector, padded),
        );
        upsert.run(item.seq, item.dhId, model, dims, floatBytes(item.vector));
        done.run(item.seq);
        stored++;
      }
      return stored;
    })();
  }

  /**
   * The `k` memories of `dhId` nearest to `query` among vectors of `model`,
   * nearest first: candidates by Hamming distance of binary codes, ranked
   * by exact cosine distance.
   */
  search(dhId: string, model: string, query: Float32Array, k: number): VectorHit[] {
    const dims = query.length;
    if (!this.available || dims === 0 || dims > MAX_DIMS || !vecTables(this.db).includes(paddedDims(dims))) return [];
    const candidates = Math.min(MAX_CANDIDATES, Math.max(MIN_CANDIDATES, Math.ceil(k * OVERSAMPLE)));
    const seqs = this.db
      .prepare(`SELECT rowid FROM ${vecTable(dims)} WHERE code MATCH vec_quantize_binary(?) AND k = ? AND scope = ?`)
      .pluck()
      .all(floatBytes(query, paddedDims(dims)), candidates, scope(dhId, model)) as number[];
    if (seqs.length === 0) return [];
    return this.db
      .prepare(
        `SELECT memory_seq AS seq, vec_distance_cosine(vector, ?) AS distance FROM memory_vectors
         WHERE memory_seq IN (SELECT value FROM json_each(?)) AND dh_id = ? AND model = ? AND dims = ?
         ORDER BY distance, memory_seq LIMIT ?`,
      )
      .all(floatBytes(query), JSON.stringify(seqs.map(Number)), dhId, model, dims, k) as VectorHit[];
  }

  /** How many memories of `dhId` have a vector of `model`. */
  count(dhId: string, model: string): number {
    return this.db.prepare('SELECT count(*) FROM memory_vectors WHERE dh_id = ? AND model = ?').pluck().get(dhId, model) as number;
  }
}
