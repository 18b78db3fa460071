/**
 * Reads of the knowledge projection: documents (of some scopes, or one by
 * id), a document's passages, and BM25-ranked passages for search. FTS5
 * MATCH expressions are built by the caller from quoted terms only (see
 * searchKnowledge), so user text never reaches FTS5's query syntax.
 */
import type Database from 'better-sqlite3';
import type { SqliteDb } from '../openSqlite';
import { knowledgeScopeToken } from './knowledgeProjection';

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

/** `match` limited to the columns of words (not the scope's). */
function inText(match: string): string {
  return `{text heading title} : (${match})`;
}

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
    if (scopes.length === 0) return [];
    // The scopes are words of the index: it ranks only their passages, and the rows are read for the few kept.
    const inScopes = `${inText(match)} AND scope_token : (${scopes.map((s) => `"${knowledgeScopeToken(s)}"`).join(' OR ')})`;
    return this.stmt(
      'search',
      `SELECT ${CHUNK_COLUMNS}, f.bm25 AS bm25 FROM (
         SELECT rowid AS seq, bm25(knowledge_fts, ${WEIGHTS.text}, ${WEIGHTS.heading}, ${WEIGHTS.title}, 0) AS bm25
         FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY bm25, rowid LIMIT ?
       ) f CROSS JOIN knowledge_chunks c ON c.seq = f.seq JOIN knowledge_documents d ON d.scope = c.scope AND d.id = c.document_id
       ORDER BY f.bm25, f.seq`,
    ).all(inScopes, limit) as ScoredKnowledgeChunkRow[];
  }

  /** How many passages (of any scope) match `match`, counting no further than `cap`. */
  countMatching(match: string, cap: number): number {
    return this.stmt('countMatching', 'SELECT count(*) FROM (SELECT 1 FROM knowledge_fts WHERE knowledge_fts MATCH ? LIMIT ?)').pluck().get(inText(match), cap) as number;
  }

  /** How many passages there are, in every scope. */
  totalChunks(): number {
    return this.stmt('total', 'SELECT count(*) FROM knowledge_chunks').pluck().get() as number;
  }

  /** Which of the passages `seqs` match `match` (a MATCH of quoted words): the query words a candidate holds, as the index stems them. */
  matching(match: string, seqs: readonly number[]): number[] {
    if (seqs.length === 0) return [];
    return this.stmt('matching', 'SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(inText(match), JSON.stringify(seqs)) as number[];
  }

  private stmt(key: string, sql: string): Statement {
    let s = this.stmts.get(key);
    if (!s) this.stmts.set(key, (s = this.db.prepare(sql)));
    return s;
  }
}
