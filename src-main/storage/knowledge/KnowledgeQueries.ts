/**
 * Reads of the knowledge projection: documents (of some scopes, or one by
 * id), a document's passages, and BM25-ranked passages for search. FTS5
 * MATCH expressions are built by the caller from quoted terms only (see
 * buildKnowledgeMatch), so user text never reaches FTS5's query syntax.
 */
import type Database from 'better-sqlite3';
import type { SqliteDb } from '../openSqlite';

type Statement = Database.Statement<unknown[]>;

/** A projected document. */
export interface KnowledgeDocumentRow {
  scope: string;
  id: string;
  title: string;
  file_name: string;
  mime: string;
  size: number;
  pages: number | null;
  /** Passages indexed (the record's count until every part is in). */
  chunks: number;
  imported_by: string;
  imported_at: number;
}

/** A projected passage, with its document's file name. */
export interface KnowledgeChunkRow {
  seq: number;
  scope: string;
  document_id: string;
  ord: number;
  title: string;
  /** Heading path joined by HEADING_SEPARATOR; empty without headings. */
  heading: string;
  page: number | null;
  page_end: number | null;
  text: string;
  file_name: string;
}

/** A passage with its BM25 score (lower is better, as FTS5 reports it). */
export interface ScoredKnowledgeChunkRow extends KnowledgeChunkRow {
  bm25: number;
}

const DOCUMENT_COLUMNS = `d.scope, d.id, d.title, d.file_name, d.mime, d.size, d.pages,
  (SELECT count(*) FROM knowledge_chunks c WHERE c.scope = d.scope AND c.document_id = d.id) AS chunks, d.imported_by, d.imported_at`;
const CHUNK_COLUMNS = 'c.seq, c.scope, c.document_id, c.ord, c.title, c.heading, c.page, c.page_end, c.text, d.file_name';

/** BM25 weights of the columns: a word of a heading or of the title says more about a passage than one in its body. */
const WEIGHTS = { text: 1.0, heading: 2.0, title: 1.5 } as const;

/** Queries over the knowledge base of one workspace database. */
export class KnowledgeQueries {
  private readonly stmts = new Map<string, Statement>();

  constructor(private readonly db: SqliteDb) {}

  /** Documents of `scopes` (every scope when null), newest first. */
  documents(scopes: readonly string[] | null): KnowledgeDocumentRow[] {
    if (scopes === null) return this.stmt('all', `SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents d ORDER BY d.imported_at DESC, d.id`).all() as KnowledgeDocumentRow[];
    return this.stmt(
      'documents',
      `SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents d WHERE d.scope IN (SELECT value FROM json_each(?)) ORDER BY d.imported_at DESC, d.id`,
    ).all(JSON.stringify(scopes)) as KnowledgeDocumentRow[];
  }

  /** Document `id` in any scope (a peer could reuse an id in two: each is returned). */
  document(id: string): KnowledgeDocumentRow[] {
    return this.stmt('document', `SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents d WHERE d.id = ? ORDER BY d.scope`).all(id) as KnowledgeDocumentRow[];
  }

  /** The passages of document `id` of `scope`, in order. */
  chunks(scope: string, id: string): KnowledgeChunkRow[] {
    return this.stmt(
      'chunks',
      `SELECT ${CHUNK_COLUMNS} FROM knowledge_chunks c JOIN knowledge_documents d ON d.scope = c.scope AND d.id = c.document_id
       WHERE c.scope = ? AND c.document_id = ? ORDER BY c.ord`,
    ).all(scope, id) as KnowledgeChunkRow[];
  }

  /** Passages by local seq, in no particular order. */
  bySeq(seqs: readonly number[]): KnowledgeChunkRow[] {
    if (seqs.length === 0) return [];
    return this.stmt(
      'bySeq',
      `SELECT ${CHUNK_COLUMNS} FROM knowledge_chunks c JOIN knowledge_documents d ON d.scope = c.scope AND d.id = c.document_id
       WHERE c.seq IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(seqs)) as KnowledgeChunkRow[];
  }

  /** The `limit` passages of `scopes` best matching `match` (BM25 over text, headings and title), best first. */
  search(match: string, scopes: readonly string[], limit: number): ScoredKnowledgeChunkRow[] {
    return this.stmt(
      'search',
      `SELECT ${CHUNK_COLUMNS}, bm25(knowledge_fts, ${WEIGHTS.text}, ${WEIGHTS.heading}, ${WEIGHTS.title}) AS bm25
       FROM knowledge_fts CROSS JOIN knowledge_chunks c ON c.seq = knowledge_fts.rowid
       JOIN knowledge_documents d ON d.scope = c.scope AND d.id = c.document_id
       WHERE knowledge_fts MATCH ? AND c.scope IN (SELECT value FROM json_each(?))
       ORDER BY bm25, c.seq LIMIT ?`,
    ).all(match, JSON.stringify(scopes), limit) as ScoredKnowledgeChunkRow[];
  }

  /** How many passages `scopes` hold. */
  countChunks(scopes: readonly string[]): number {
    return this.stmt('count', 'SELECT count(*) FROM knowledge_chunks WHERE scope IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(scopes)) as number;
  }

  private stmt(key: string, sql: string): Statement {
    let s = this.stmts.get(key);
    if (!s) this.stmts.set(key, (s = this.db.prepare(sql)));
    return s;
  }
}
