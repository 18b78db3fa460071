/**
 * Projections of the knowledge base (format in knowledgeDocFormat.ts) into
 * `knowledge_documents` and `knowledge_chunks` (whose FTS index and vector
 * queue follow by triggers, knowledgeMigration.ts): one over `meta` for the
 * workspace's documents, one per `dh/<id>` doc for each digital human's.
 *
 * Only documents whose record is present are indexed: parts written ahead
 * of their record (an import in progress, here or on a peer) wait for it.
 * A change is applied key by key. A part is rewritten only when what is
 * indexed differs from the doc, so a rebuild keeps every passage's `seq`,
 * and with it its vector: it never costs a new round of embeddings.
 */
import type * as Y from 'yjs';
import { WORKSPACE_SCOPE } from '../../common/contract/knowledgeChannels';
import { changedRootKeys } from '../changedRootKeys';
import { dhIdOfDoc } from '../dh/dhDocFormat';
import type { SqliteDb } from '../openSqlite';
import type { Projection } from '../ProjectionRunner';
import {
  KNOWLEDGE_MAP,
  knowledgePartKey,
  readKnowledgeDocument,
  readKnowledgeKey,
  readKnowledgePart,
  type KnowledgeChunkRecord,
  type KnowledgeDocumentRecord,
} from './knowledgeDocFormat';

/** Separator of a heading path in the `heading` column (and in citations). */
export const HEADING_SEPARATOR = ' › ';

/**
 * The one word that names `scope` in the index: `k`, the scope's UTF-8
 * bytes in hexadecimal, `0`. Letters and digits only, so the tokenizer
 * keeps it whole; ending in a digit, so the stemmer leaves it alone.
 */
export function knowledgeScopeToken(scope: string): string {
  return `k${Buffer.from(scope, 'utf8').toString('hex')}0`;
}

/** Prepared statements, one set per database connection. */
class Statements {
  readonly upsertDocument;
  readonly deleteDocument;
  readonly documentIds;
  readonly deleteChunks;
  readonly deletePart;
  readonly partChunks;
  readonly insertChunk;

  constructor(db: SqliteDb) {
    this.upsertDocument = db.prepare(
      `INSERT INTO knowledge_documents (scope, id, title, file_name, mime, size, pages, chunk_count, part_count, imported_by, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (scope, id) DO UPDATE SET title = excluded.title, file_name = excluded.file_name, mime = excluded.mime,
         size = excluded.size, pages = excluded.pages, chunk_count = excluded.chunk_count, part_count = excluded.part_count,
         imported_by = excluded.imported_by, imported_at = excluded.imported_at`,
    );
    this.deleteDocument = db.prepare('DELETE FROM knowledge_documents WHERE scope = ? AND id = ?');
    this.documentIds = db.prepare('SELECT DISTINCT document_id FROM knowledge_chunks WHERE scope = ? UNION SELECT id FROM knowledge_documents WHERE scope = ?').pluck();
    this.deleteChunks = db.prepare('DELETE FROM knowledge_chunks WHERE scope = ? AND document_id = ?');
    this.deletePart = db.prepare('DELETE FROM knowledge_chunks WHERE scope = ? AND document_id = ? AND (part = ? OR part >= ?)');
    this.partChunks = db.prepare('SELECT ord, text, heading, page, page_end AS pageEnd, title FROM knowledge_chunks WHERE scope = ? AND document_id = ? AND part = ? ORDER BY ord');
    this.insertChunk = db.prepare(
      'INSERT INTO knowledge_chunks (scope, document_id, part, ord, title, heading, page, page_end, text, scope_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }
}

const cache = new WeakMap<SqliteDb, Statements>();

function statements(db: SqliteDb): Statements {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = new Statements(db)));
  return s;
}

/** The workspace's documents, from `meta`. */
export const knowledgeMetaProjection: Projection = {
  name: 'knowledge-meta',
  version: 2,
  docName: 'meta',
  rebuild: (db, doc) => rebuildScope(db, doc, WORKSPACE_SCOPE),
  apply: (db, doc, change) => applyKeys(db, doc, WORKSPACE_SCOPE, changedRootKeys(doc, change.transaction).get(KNOWLEDGE_MAP)),
};

/** Each digital human's documents, from its `dh/<id>` doc. */
export const knowledgeDhProjection: Projection = {
  name: 'knowledge-dh',
  version: 2,
  docName: 'dh/',
  rebuild: (db, doc, docName) => rebuildScope(db, doc, requireDhId(docName)),
  apply: (db, doc, change) => applyKeys(db, doc, requireDhId(change.docName), changedRootKeys(doc, change.transaction).get(KNOWLEDGE_MAP)),
};

function requireDhId(docName: string): string {
  const dhId = dhIdOfDoc(docName);
  if (dhId === null) throw new Error(`${docName} is not a digital human's doc`);
  return dhId;
}

function rebuildScope(db: SqliteDb, doc: Y.Doc, scope: string): void {
  const s = statements(db);
  const map = doc.getMap(KNOWLEDGE_MAP);
  const inDoc = new Set<string>();
  for (const key of map.keys()) if (readKnowledgeKey(key)?.kind === 'document') inDoc.add(key);
  for (const id of s.documentIds.all(scope, scope) as string[]) if (!inDoc.has(id)) projectDocument(s, map, scope, id);
  for (const id of inDoc) projectDocument(s, map, scope, id);
}

function applyKeys(db: SqliteDb, doc: Y.Doc, scope: string, keys: Set<string> | undefined): void {
  if (!keys) return;
  const s = statements(db);
  const map = doc.getMap(KNOWLEDGE_MAP);
  const documents = new Set<string>();
  const parts: { documentId: string; part: number }[] = [];
  for (const key of keys) {
    const k = readKnowledgeKey(key);
    if (k?.kind === 'document') documents.add(k.documentId);
    else if (k) parts.push(k);
  }
  for (const id of documents) projectDocument(s, map, scope, id);
  for (const { documentId, part } of parts) {
    if (documents.has(documentId)) continue;
    const record = readKnowledgeDocument(documentId, map.get(documentId));
    // A part without its document is not indexed (yet); one beyond the document's parts never is.
    if (record && part < record.partCount) projectPart(s, map, scope, record, part);
  }
}

/** Brings document `id` of `scope` in line with the doc: indexed with its parts, or gone. */
function projectDocument(s: Statements, map: Y.Map<unknown>, scope: string, id: string): void {
  const record = readKnowledgeDocument(id, map.get(id));
  if (!record) {
    s.deleteDocument.run(scope, id);
    s.deleteChunks.run(scope, id);
    return;
  }
  s.upsertDocument.run(
    scope,
    record.id,
    record.title,
    record.fileName,
    record.mime,
    record.size,
    record.pages,
    record.chunkCount,
    record.partCount,
    record.importedBy,
    record.importedAt,
  );
  // Parts past the last one the record names are not the document's.
  s.deletePart.run(scope, id, -1, record.partCount);
  for (let part = 0; part < record.partCount; part++) projectPart(s, map, scope, record, part);
}

/** Rewrites the passages of one part when they differ from the doc's. */
function projectPart(s: Statements, map: Y.Map<unknown>, scope: string, record: KnowledgeDocumentRecord, part: number): void {
  const key = knowledgePartKey(record.id, part);
  const wanted = readKnowledgePart(key, map.get(key))?.chunks ?? [];
  const indexed = s.partChunks.all(scope, record.id, part) as IndexedChunk[];
  if (sameChunks(indexed, wanted, record.title)) return;
  s.deletePart.run(scope, record.id, part, Number.MAX_SAFE_INTEGER);
  for (const c of wanted) {
    // An ord another part already holds (a peer's malformed parts) is skipped, not fatal.
    try {
      s.insertChunk.run(scope, record.id, part, c.ord, record.title, c.headings.join(HEADING_SEPARATOR), c.page, c.pageEnd, c.text, knowledgeScopeToken(scope));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
}

interface IndexedChunk {
  ord: number;
  text: string;
  heading: string;
  page: number | null;
  pageEnd: number | null;
  title: string;
}

function sameChunks(indexed: readonly IndexedChunk[], wanted: readonly KnowledgeChunkRecord[], title: string): boolean {
  if (indexed.length !== wanted.length) return false;
  const sorted = [...wanted].sort((a, b) => a.ord - b.ord);
  return indexed.every((row, i) => {
    const c = sorted[i]!;
    return row.ord === c.ord && row.text === c.text && row.heading === c.headings.join(HEADING_SEPARATOR) && row.page === c.page && row.pageEnd === c.pageEnd && row.title === title;
  });
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}
