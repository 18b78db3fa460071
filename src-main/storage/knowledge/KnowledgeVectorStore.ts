/**
 * Local vectors of knowledge passages, for the semantic half of search.
 * Derived data: never synced, rebuilt by embedding again.
 *
 * Each embedded passage has its float vector in `knowledge_vectors`, with
 * its scope and the model that made it. A search ranks the vectors of the
 * scopes asked (the workspace's and one digital human's) by exact cosine
 * distance with sqlite-vec's `vec_distance_cosine`, in SQL: a knowledge
 * base holds tens of thousands of passages at most, which an exact scan
 * ranks in milliseconds, with no approximate index to keep in step.
 * Vectors of another model are never compared.
 *
 * Passages to embed are listed in `knowledge_vector_todo` (filled by
 * triggers); `put` stores a vector only if the passage still has the text
 * that was embedded.
 */
import type { SqliteDb } from '../openSqlite';
import { hasVectorExtension } from '../memory/loadVectorExtension';

/** A passage waiting for its vector. */
export interface KnowledgeVectorTodo {
  seq: number;
  scope: string;
  text: string;
}

/** A vector to store for passage `seq`, made from `text`. */
export interface KnowledgeVectorPut extends KnowledgeVectorTodo {
  vector: Float32Array;
}

/** A passage `seq` at cosine `distance` from the query (0 = same direction, 2 = opposite). */
export interface KnowledgeVectorHit {
  seq: number;
  distance: number;
}

/** Largest number of dimensions accepted. */
const MAX_DIMS = 8192;

function floatBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** The knowledge vectors of one workspace database. */
export class KnowledgeVectorStore {
  constructor(private readonly db: SqliteDb) {}

  /** Whether vectors can be searched here (the extension is loaded). */
  get available(): boolean {
    return hasVectorExtension(this.db);
  }

  /** Up to `limit` passages waiting for a vector, oldest first. */
  todo(limit: number): KnowledgeVectorTodo[] {
    return this.db
      .prepare('SELECT t.seq AS seq, c.scope AS scope, c.text AS text FROM knowledge_vector_todo t CROSS JOIN knowledge_chunks c ON c.seq = t.seq ORDER BY t.seq LIMIT ?')
      .all(limit) as KnowledgeVectorTodo[];
  }

  /** Whether any passage waits for a vector. */
  hasTodo(): boolean {
    return this.db.prepare('SELECT 1 FROM knowledge_vector_todo LIMIT 1').get() !== undefined;
  }

  /** Queues again every passage whose vector was made by another model than `model`. Returns how many. */
  requeueOtherModels(model: string): number {
    return this.db.prepare('INSERT OR IGNORE INTO knowledge_vector_todo (seq) SELECT chunk_seq FROM knowledge_vectors WHERE model != ?').run(model).changes;
  }

  /**
   * Stores vectors made by `model`, in one transaction. A passage deleted or
   * changed since is skipped. Returns how many were stored.
   */
  put(model: string, items: readonly KnowledgeVectorPut[]): number {
    const currentText = this.db.prepare('SELECT text FROM knowledge_chunks WHERE seq = ?').pluck();
    const upsert = this.db.prepare(
      `INSERT INTO knowledge_vectors (chunk_seq, scope, model, dims, vector) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (chunk_seq) DO UPDATE SET scope = excluded.scope, model = excluded.model, dims = excluded.dims, vector = excluded.vector`,
    );
    const done = this.db.prepare('DELETE FROM knowledge_vector_todo WHERE seq = ?');
    return this.db.transaction(() => {
      let stored = 0;
      for (const item of items) {
        const dims = item.vector.length;
        if (dims === 0 || dims > MAX_DIMS || currentText.get(item.seq) !== item.text) continue;
        upsert.run(item.seq, item.scope, model, dims, floatBytes(item.vector));
        done.run(item.seq);
        stored++;
      }
      return stored;
    })();
  }

  /** The `k` passages of `scopes` nearest to `query` among vectors of `model`, nearest first. */
  search(scopes: readonly string[], model: string, query: Float32Array, k: number): KnowledgeVectorHit[] {
    if (!this.available || query.length === 0 || query.length > MAX_DIMS) return [];
    return this.db
      .prepare(
        `SELECT chunk_seq AS seq, vec_distance_cosine(vector, ?) AS distance FROM knowledge_vectors
         WHERE scope IN (SELECT value FROM json_each(?)) AND model = ? AND dims = ?
         ORDER BY distance, chunk_seq LIMIT ?`,
      )
      .all(floatBytes(query), JSON.stringify(scopes), model, query.length, k) as KnowledgeVectorHit[];
  }

  /** How many passages of `scopes` have a vector of `model`. */
  count(scopes: readonly string[], model: string): number {
    return this.db
      .prepare('SELECT count(*) FROM knowledge_vectors WHERE scope IN (SELECT value FROM json_each(?)) AND model = ?')
      .pluck()
      .get(JSON.stringify(scopes), model) as number;
  }
}
