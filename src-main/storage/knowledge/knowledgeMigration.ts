/**
 * Workspace migration 10 (knowledge): the projection of the knowledge base
 * and the local vectors derived from it (see docs/knowledge.md).
 *
 * - `knowledge_documents`: one row per document of a scope (`workspace`, from
 *   `meta`; or a digital human's id, from its `dh/<id>` doc).
 * - `knowledge_chunks`: the passages of those documents. `seq` is local and
 *   stays while the passage does (the projection only rewrites the parts of
 *   a document that changed), so the FTS index and the vectors are keyed by
 *   it. `title` (the document's) and `heading` (the heading path joined by
 *   " › ") are copied to each passage so the index can weigh them.
 * - `knowledge_fts`: FTS5 over text, heading and title, kept in step by
 *   triggers; porter stemming and folded case and accents, as memory recall.
 *   A fourth column holds one token naming the passage's scope
 *   (`scope_token`, see knowledgeScopeToken), so a search is limited to the
 *   scopes asked for by the index itself rather than by reading every
 *   matching passage's row.
 * - `knowledge_vectors` / `knowledge_vector_todo`: the float vector of each
 *   embedded passage (with its model), and the passages waiting for one,
 *   filled by triggers and drained by the background indexer. A delete
 *   drops both, so no vector outlives its passage.
 */
import type { Migration } from '../runMigrations';

export const knowledgeMigration: Migration = {
  id: 10,
  name: 'knowledge',
  sql: `
    CREATE TABLE knowledge_documents (
      scope TEXT NOT NULL,
      id TEXT NOT NULL,
      title TEXT NOT NULL,
      file_name TEXT NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL,
      pages INTEGER,
      chunk_count INTEGER NOT NULL,
      part_count INTEGER NOT NULL,
      imported_by TEXT NOT NULL,
      imported_at INTEGER NOT NULL,
      PRIMARY KEY (scope, id)
    ) WITHOUT ROWID;
    CREATE INDEX knowledge_documents_id ON knowledge_documents (id);
    CREATE TABLE knowledge_chunks (
      seq INTEGER PRIMARY KEY,
      scope TEXT NOT NULL,
      document_id TEXT NOT NULL,
      part INTEGER NOT NULL,
      ord INTEGER NOT NULL,
      title TEXT NOT NULL,
      heading TEXT NOT NULL,
      page INTEGER,
      page_end INTEGER,
      text TEXT NOT NULL,
      scope_token TEXT NOT NULL,
      UNIQUE (scope, document_id, ord)
    );
    CREATE INDEX knowledge_chunks_part ON knowledge_chunks (scope, document_id, part);
    CREATE VIRTUAL TABLE knowledge_fts USING fts5 (
      text, heading, title, scope_token, content = 'knowledge_chunks', content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TABLE knowledge_vectors (
      chunk_seq INTEGER PRIMARY KEY,
      scope TEXT NOT NULL,
      model TEXT NOT NULL,
      dims INTEGER NOT NULL,
      vector BLOB NOT NULL
    );
    CREATE INDEX knowledge_vectors_scope ON knowledge_vectors (scope, model, dims);
    CREATE TABLE knowledge_vector_todo (
      seq INTEGER PRIMARY KEY
    );
    CREATE TRIGGER knowledge_chunks_insert AFTER INSERT ON knowledge_chunks BEGIN
      INSERT INTO knowledge_fts (rowid, text, heading, title, scope_token) VALUES (new.seq, new.text, new.heading, new.title, new.scope_token);
      INSERT OR IGNORE INTO knowledge_vector_todo (seq) VALUES (new.seq);
    END;
    CREATE TRIGGER knowledge_chunks_delete AFTER DELETE ON knowledge_chunks BEGIN
      INSERT INTO knowledge_fts (knowledge_fts, rowid, text, heading, title, scope_token) VALUES ('delete', old.seq, old.text, old.heading, old.title, old.scope_token);
      DELETE FROM knowledge_vectors WHERE chunk_seq = old.seq;
      DELETE FROM knowledge_vector_todo WHERE seq = old.seq;
    END;
    CREATE TRIGGER knowledge_chunks_update AFTER UPDATE OF text, heading, title, scope_token ON knowledge_chunks BEGIN
      INSERT INTO knowledge_fts (knowledge_fts, rowid, text, heading, title, scope_token) VALUES ('delete', old.seq, old.text, old.heading, old.title, old.scope_token);
      INSERT INTO knowledge_fts (rowid, text, heading, title, scope_token) VALUES (new.seq, new.text, new.heading, new.title, new.scope_token);
      DELETE FROM knowledge_vectors WHERE chunk_seq = old.seq;
      INSERT OR IGNORE INTO knowledge_vector_todo (seq) VALUES (new.seq);
    END;
  `,
};
