/**
 * Workspace migration 7 (memory): the projection of digital humans'
 * memories and the local vectors derived from them (see docs/memory.md).
 *
 * - `memories`: one row per memory of each `dh/<id>` doc. `seq` is local and
 *   stays the same while the memory exists (the projection upserts), so the
 *   FTS index and the vectors can be keyed by it; it also orders lists
 *   (newest on this device first) without an index of its own, since every
 *   index costs each row of an import. `tags` is the tags joined
 *   by spaces (a tag has none), so the FTS index reads them as words.
 * - `memories_fts`: FTS5 over text and tags, kept in step by triggers. The
 *   porter stemmer makes "adopting" find "adoption" and "adopted"; case and
 *   accents are folded as in message search.
 * - `memory_vectors`: the float vector of each embedded memory, with the
 *   model that made it. A text edit or a delete drops it (triggers), so a
 *   stale vector is never used.
 * - `memory_vector_todo`: memories to embed (new, or whose text changed),
 *   filled by triggers and drained by the background indexer, so finding
 *   work costs nothing however many memories are already embedded.
 * - `memory_vector_indexes`: the dimensions for which a sqlite-vec KNN table
 *   `memory_vec_<dims>` exists (created on first use, since the extension
 *   may be missing on some machine and a migration must always run).
 */
import type { Migration } from '../runMigrations';

export const memoryMigration: Migration = {
  id: 7,
  name: 'memory',
  sql: `
    CREATE TABLE memories (
      seq INTEGER PRIMARY KEY,
      dh_id TEXT NOT NULL,
      id TEXT NOT NULL,
      text TEXT NOT NULL,
      kind TEXT NOT NULL,
      tags TEXT NOT NULL,
      importance REAL NOT NULL,
      pinned INTEGER NOT NULL,
      source TEXT,
      at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      source_message_ids TEXT NOT NULL,
      UNIQUE (dh_id, id)
    );
    CREATE INDEX memories_at ON memories (dh_id, at) WHERE at IS NOT NULL;
    CREATE INDEX memories_pinned ON memories (dh_id, seq) WHERE pinned = 1;
    CREATE TABLE memory_vectors (
      memory_seq INTEGER PRIMARY KEY,
      dh_id TEXT NOT NULL,
      model TEXT NOT NULL,
      dims INTEGER NOT NULL,
      vector BLOB NOT NULL
    );
    CREATE INDEX memory_vectors_model ON memory_vectors (dh_id, model);
    CREATE VIRTUAL TABLE memories_fts USING fts5 (
      text, tags, content = 'memories', content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TABLE memory_vector_todo (
      seq INTEGER PRIMARY KEY
    );
    CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
      INSERT INTO memories_fts (rowid, text, tags) VALUES (new.seq, new.text, new.tags);
      -- Not OR IGNORE: inside a trigger fired by an upsert, the outer statement's conflict policy wins.
      INSERT INTO memory_vector_todo (seq) SELECT new.seq WHERE NOT EXISTS (SELECT 1 FROM memory_vector_todo WHERE seq = new.seq);
    END;
    CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
      INSERT INTO memories_fts (memories_fts, rowid, text, tags) VALUES ('delete', old.seq, old.text, old.tags);
      DELETE FROM memory_vectors WHERE memory_seq = old.seq;
      DELETE FROM memory_vector_todo WHERE seq = old.seq;
    END;
    CREATE TRIGGER memories_fts_update AFTER UPDATE OF text, tags ON memories
      WHEN old.text IS NOT new.text OR old.tags IS NOT new.tags BEGIN
      INSERT INTO memories_fts (memories_fts, rowid, text, tags) VALUES ('delete', old.seq, old.text, old.tags);
      INSERT INTO memories_fts (rowid, text, tags) VALUES (new.seq, new.text, new.tags);
    END;
    CREATE TRIGGER memories_text_changed AFTER UPDATE OF text ON memories WHEN old.text IS NOT new.text BEGIN
      DELETE FROM memory_vectors WHERE memory_seq = old.seq;
      -- Not OR IGNORE: inside a trigger fired by an upsert, the outer statement's conflict policy wins.
      INSERT INTO memory_vector_todo (seq) SELECT new.seq WHERE NOT EXISTS (SELECT 1 FROM memory_vector_todo WHERE seq = new.seq);
    END;
    CREATE TABLE memory_vector_indexes (
      dims INTEGER PRIMARY KEY
    );
  `,
};
