/**
 * The knowledge base of workspaces and digital humans: import files, list,
 * read and delete documents, and search their passages with sources.
 *
 * Documents live in the synced docs (format in
 * storage/knowledge/knowledgeDocFormat.ts): the workspace's in `meta`, a
 * digital human's in its `dh/<id>` doc, so teammates get them. Search reads
 * the local projection (full-text index, and vectors made in the background
 * by EmbedQueue when `embedderFor` gives an embedder). A digital
 * human reads the workspace's documents and its own; search never crosses
 * workspaces.
 */
import { NotFoundError, ValidationError } from '../../common/AppError';
import {
  KNOWLEDGE_TITLE_MAX,
  WORKSPACE_SCOPE,
  type KnowledgeDocument,
  type KnowledgeDocumentDetail,
  type KnowledgeSnippet,
} from '../../common/contract/knowledgeChannels';
import { ENTITY_ID_PATTERN } from '../../common/ids';
import type { Logger } from '../../common/Logger';
import {
  KNOWLEDGE_CHUNKS_MAX,
  KNOWLEDGE_MAP,
  knowledgePartKey,
  readKnowledgeDocument,
  readKnowledgeKey,
  readKnowledgePart,
  writeKnowledgeDocument,
  writeKnowledgePart,
  type KnowledgeChunkRecord,
  type KnowledgeDocumentRecord,
} from '../../storage/knowledge/knowledgeDocFormat';
import type { KnowledgeDocumentRow } from '../../storage/knowledge/KnowledgeQueries';
import { txOrigin } from '../../sync/TxOrigin';
import type { Embedder } from '../memory/Embedder';
import type { RoomsContext } from '../rooms/RoomsContext';
import { chunkBlocks } from './chunkBlocks';
import { extractDocument } from './extractDocument';
import { extractPdfOffThread } from './extractPdfOffThread';
import type { KnowledgeVectorTodo } from '../../storage/knowledge/KnowledgeVectorStore';
import { EmbedQueue } from '../memory/EmbedQueue';
import { headingsOf, knowledgeSource } from './knowledgeSource';
import { KnowledgeUploads } from './KnowledgeUploads';
import { KnowledgeWorkspaces, knowledgeDocName, type KnowledgeWorkspace } from './KnowledgeWorkspaces';
import { searchKnowledge } from './searchKnowledge';

export interface KnowledgeDeps {
  /** Workspaces, the local user and the member directory (for importers' names). */
  rooms: RoomsContext;
  /** Whether digital human `dhId` exists in the workspace (a DH scope must name one). */
  dhExists: (workspaceId: string, dhId: string) => boolean;
  now: () => number;
  newId: () => string;
  /** The embeddings model of a workspace, or null (search then uses full text only). */
  embedderFor: (workspaceId: string) => Embedder | null;
  log?: Logger;
  /** Passages per call to the embeddings model. */
  embedBatchSize?: number;
}

/** A file to import. */
export interface KnowledgeImport {
  /** `workspace`, or a digital human's id. */
  scope: string;
  fileName: string;
  /** The type the file picker reported, if any. */
  mime?: string | undefined;
  bytes: Uint8Array;
}

export interface KnowledgeSearchInput {
  /** Also search this digital human's own documents. */
  dhId?: string | undefined;
  query: string;
  k: number;
}

/** Characters of passages per part of a document: a part is one Yjs update, kept well under a relay's 1 MiB frames. */
const PART_CHARS = 150_000;
/** Parts an import left without their document are cleared after this long (an import under way elsewhere is not). */
const ORPHAN_AGE_MS = 60 * 60_000;

export class KnowledgeService {
  readonly stores: KnowledgeWorkspaces;
  readonly embedding: EmbedQueue<KnowledgeVectorTodo>;
  readonly uploads: KnowledgeUploads;

  constructor(private readonly deps: KnowledgeDeps) {
    this.stores = new KnowledgeWorkspaces(deps.rooms.deps.workspaces);
    const stores = this.stores;
    this.embedding = new EmbedQueue<KnowledgeVectorTodo>({
      what: 'knowledge passages',
      ifOpen: (workspaceId) => stores.ifOpen(workspaceId),
      embedderFor: deps.embedderFor,
      log: deps.log ?? ((level, msg, extra) => console.error(`Qwanyx knowledge ${level}: ${msg}`, extra ?? '')),
      // A passage is long: fewer per call than memories.
      batchSize: deps.embedBatchSize ?? 32,
    });
    this.uploads = new KnowledgeUploads(deps.now);
  }

  /**
   * Reads, cuts and stores a file as a document of `input.scope`. Throws
   * ValidationError for an empty, too large, unsupported or damaged file,
   * NotFoundError for a digital human that does not exist.
   */
  async import(workspaceId: string, input: KnowledgeImport): Promise<KnowledgeDocument> {
    this.checkScope(workspaceId, input.scope);
    // A PDF is read on a worker: a long one takes seconds, and the core keeps answering meanwhile.
    const { mime, document } = await extractDocument(input.fileName, input.mime, input.bytes, extractPdfOffThread);
    const chunks = chunkBlocks(document.blocks);
    if (chunks.length === 0) throw new ValidationError(`${input.fileName} holds no text to search`);
    if (chunks.length > KNOWLEDGE_CHUNKS_MAX) throw new ValidationError(`${input.fileName} holds too much text (more than ${KNOWLEDGE_CHUNKS_MAX} passages): split it into smaller files`);
    // Checked again: the workspace or the digital human may have gone while the file was read.
    this.checkScope(workspaceId, input.scope);
    const ws = this.stores.open(workspaceId);
    const docName = knowledgeDocName(input.scope);
    const origin = txOrigin('local', this.deps.rooms.userId);
    const id = this.deps.newId();
    const now = this.deps.now();
    const parts = toParts(chunks.map((c, ord) => ({ ord, text: c.text, headings: c.headings, page: c.page, pageEnd: c.pageEnd })));
    this.clearOrphans(ws, docName, now);
    // Parts first, each its own update; the record last, so peers see the document whole or not at all.
    parts.forEach((part, index) => {
      ws.handle.docs.transact(docName, origin, (doc) => {
        doc.getMap(KNOWLEDGE_MAP).set(knowledgePartKey(id, index), writeKnowledgePart({ documentId: id, part: index, at: now, chunks: part }));
      });
    });
    const baseName = input.fileName.replace(/\.[A-Za-z0-9]{1,8}$/, '');
    const record: KnowledgeDocumentRecord = {
      id,
      title: (document.title ?? baseName).replace(/\s+/g, ' ').trim().slice(0, KNOWLEDGE_TITLE_MAX) || input.fileName,
      fileName: input.fileName,
      mime,
      size: input.bytes.length,
      pages: document.pages,
      chunkCount: chunks.length,
      partCount: parts.length,
      importedBy: this.deps.rooms.userId,
      importedAt: now,
    };
    ws.handle.docs.transact(docName, origin, (doc) => doc.getMap(KNOWLEDGE_MAP).set(id, writeKnowledgeDocument(record)));
    return this.get(workspaceId, id);
  }

  /** Documents of `scope`, or of every scope, newest first. */
  list(workspaceId: string, options: { scope?: string | undefined } = {}): KnowledgeDocument[] {
    const scopes = options.scope !== undefined ? [options.scope] : null;
    if (options.scope !== undefined) checkScopeId(options.scope);
    const ws = this.stores.forScopes(workspaceId, scopes ?? this.allScopes(workspaceId));
    return ws.queries.documents(scopes).map((row) => this.describe(ws, row));
  }

  /** A document and its passages. */
  get(workspaceId: string, documentId: string): KnowledgeDocumentDetail {
    const { ws, row } = this.find(workspaceId, documentId);
    return {
      ...this.describe(ws, row),
      chunks: ws.queries.chunks(row.scope, row.id).map((c) => {
        const headings = headingsOf(c.heading);
        return { ord: c.ord, headings, page: c.page, pageEnd: c.page_end, source: knowledgeSource(c.file_name, headings, c.page, c.page_end), text: c.text };
      }),
    };
  }

  /**
   * Deletes a document for good: its record and passages leave the synced
   * doc (and this device's history of it, by compaction), and with them
   * the index and the vectors.
   */
  delete(workspaceId: string, documentId: string): { id: string } {
    const { ws, row } = this.find(workspaceId, documentId);
    const docName = knowledgeDocName(row.scope);
    ws.handle.docs.transact(docName, txOrigin('local', this.deps.rooms.userId), (doc) => {
      const map = doc.getMap(KNOWLEDGE_MAP);
      for (const key of [...map.keys()]) if (readKnowledgeKey(key)?.documentId === documentId) map.delete(key);
    });
    ws.handle.docs.compact(docName);
    return { id: documentId };
  }

  /** The `k` passages most relevant to `query` in the workspace's documents (and `dhId`'s), best first. */
  async search(workspaceId: string, input: KnowledgeSearchInput): Promise<{ items: KnowledgeSnippet[] }> {
    const scopes = input.dhId !== undefined && input.dhId !== WORKSPACE_SCOPE ? [WORKSPACE_SCOPE, checkScopeId(input.dhId)] : [WORKSPACE_SCOPE];
    this.stores.forScopes(workspaceId, scopes);
    const vector = await this.embedQuery(workspaceId, input.query);
    // Opened again after the wait: the workspace may have closed meanwhile.
    const ws = this.stores.forScopes(workspaceId, scopes);
    const found = searchKnowledge(ws, scopes, input.query, input.k, vector);
    return {
      items: found.map(({ row, source, score }) => ({
        documentId: row.document_id,
        scope: row.scope,
        title: row.title,
        fileName: row.file_name,
        source,
        headings: headingsOf(row.heading),
        page: row.page,
        text: row.text,
        score,
      })),
    };
  }

  /** Resolves when the passages of `workspaceId` have all been embedded (or embedding stopped). */
  whenIndexed(workspaceId: string): Promise<void> {
    return this.embedding.whenIdle(workspaceId);
  }

  close(): void {
    this.embedding.close();
  }

  private checkScope(workspaceId: string, scope: string): void {
    checkScopeId(scope);
    this.deps.rooms.deps.workspaces.get(workspaceId);
    if (scope !== WORKSPACE_SCOPE && !this.deps.dhExists(workspaceId, scope)) throw new NotFoundError('No such digital human in this workspace');
  }

  /** `workspace` and every digital human with documents, or with a profile. */
  private allScopes(workspaceId: string): string[] {
    const db = this.stores.open(workspaceId).handle.storage.db;
    const dhs = db.prepare('SELECT id FROM digital_humans UNION SELECT DISTINCT scope FROM knowledge_documents').pluck().all() as string[];
    return [WORKSPACE_SCOPE, ...dhs.filter((s) => s !== WORKSPACE_SCOPE && ENTITY_ID_PATTERN.test(s))];
  }

  private find(workspaceId: string, documentId: string): { ws: KnowledgeWorkspace; row: KnowledgeDocumentRow } {
    if (!ENTITY_ID_PATTERN.test(documentId)) throw new NotFoundError('No such document');
    const ws = this.stores.forScopes(workspaceId, this.allScopes(workspaceId));
    const row = ws.queries.document(documentId)[0];
    if (!row) throw new NotFoundError('No such document');
    return { ws, row };
  }

  private describe(ws: KnowledgeWorkspace, row: KnowledgeDocumentRow): KnowledgeDocument {
    const member = this.deps.rooms.members(this.deps.rooms.forHandle(ws.handle)).byId.get(row.imported_by);
    return {
      id: row.id,
      scope: row.scope,
      title: row.title,
      fileName: row.file_name,
      mime: row.mime as KnowledgeDocument['mime'],
      size: row.size,
      pages: row.pages,
      chunkCount: row.chunks,
      importedBy: row.imported_by,
      importedByName: member?.displayName ?? null,
      importedAt: row.imported_at,
    };
  }

  /** Removes parts whose document never came (an import interrupted long ago). */
  private clearOrphans(ws: KnowledgeWorkspace, docName: string, now: number): void {
    const map = ws.handle.docs.doc(docName).getMap(KNOWLEDGE_MAP);
    const orphans: string[] = [];
    for (const [key, value] of map.entries()) {
      const k = readKnowledgeKey(key);
      if (k?.kind !== 'part' || readKnowledgeDocument(k.documentId, map.get(k.documentId))) continue;
      const part = readKnowledgePart(key, value);
      if (!part || part.at < now - ORPHAN_AGE_MS) orphans.push(key);
    }
    if (orphans.length === 0) return;
    ws.handle.docs.transact(docName, txOrigin('system'), (doc) => {
      for (const key of orphans) doc.getMap(KNOWLEDGE_MAP).delete(key);
    });
  }

  /** The query's vector, or null when the workspace has no embeddings model or it failed (search then uses full text). */
  private async embedQuery(workspaceId: string, query: string): Promise<{ model: string; values: Float32Array } | null> {
    const embedder = this.deps.embedderFor(workspaceId);
    const ws = this.stores.ifOpen(workspaceId);
    if (!embedder || !ws?.vectors.available) return null;
    try {
      const [values] = await embedder.embed([query]);
      return values && values.length > 0 ? { model: embedder.model, values } : null;
    } catch (err) {
      // Search must answer even when the model server is down: full text alone then.
      this.deps.log?.('warn', `cannot embed a knowledge query in workspace ${workspaceId}; using full-text search only`, err);
      return null;
    }
  }
}

/** `scope` if it is `workspace` or a well-formed digital human id; ValidationError otherwise. */
function checkScopeId(scope: string): string {
  if (!ENTITY_ID_PATTERN.test(scope)) throw new ValidationError('Scope is "workspace" or a digital human id');
  return scope;
}

/** Passages grouped into parts of at most PART_CHARS characters (a passage is never split). */
function toParts(chunks: readonly KnowledgeChunkRecord[]): KnowledgeChunkRecord[][] {
  const parts: KnowledgeChunkRecord[][] = [];
  let current: KnowledgeChunkRecord[] = [];
  let size = 0;
  for (const chunk of chunks) {
    const length = chunk.text.length + chunk.headings.join('').length;
    if (current.length > 0 && size + length > PART_CHARS) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(chunk);
    size += length;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
