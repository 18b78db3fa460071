/**
 * Long-term memory of digital humans, per (workspace, digital human).
 *
 * Memories live in the DH's doc `dh/<dhId>` (format in
 * storage/memory/memoryDocFormat.ts), so they sync like everything else;
 * reads and recall use the local projection (full-text index, vectors).
 * Users see, edit, pin and delete every memory (origin `local`); the agent
 * runtime recalls, looks for similar memories before adding one, and applies
 * the operations a model proposes (origin `agent`). Recall never crosses
 * workspaces. Vectors are made in the background (EmbedQueue) when
 * `embedderFor` gives an embedder for the workspace.
 */
import type * as Y from 'yjs';
import { NotFoundError, ValidationError } from '../../common/AppError';
import type { Memory, MemoryInput, MemoryPage, MemoryPatch, RecallItem } from '../../common/contract/memorySchemas';
import type { Logger } from '../../common/Logger';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { MEMORIES_MAP, readMemoryRecord, writeMemoryRecord, type MemoryRecord } from '../../storage/memory/memoryDocFormat';
import { txOrigin, type TxOrigin } from '../../sync/TxOrigin';
import type { WorkspaceService } from '../WorkspaceService';
import type { Embedder } from './Embedder';
import { buildRecallQuery } from './buildRecallQuery';
import type { VectorTodo } from '../../storage/memory/MemoryVectorStore';
import { EmbedQueue } from './EmbedQueue';
import { checkOperations, type MemoryOperationOutcome } from './memoryOperations';
import { checkInput, checkPatch, newRecord, patchedRecord, recordToMemory, rowToMemory, type CheckedInput } from './memoryRecords';
import { MemoryWorkspaces, type MemoryWorkspace } from './MemoryWorkspaces';
import { recallMemories, type RecalledItem, type RecallOptions } from './recallMemories';

export interface MemoryDeps {
  workspaces: WorkspaceService;
  now: () => number;
  newId: () => string;
  /** The embeddings model of a workspace, or null when it has none (recall then uses full text only). */
  embedderFor: (workspaceId: string) => Embedder | null;
  log?: Logger;
  /** Texts per call to the embeddings model (default 64). */
  embedBatchSize?: number;
}

export interface ListMemoriesInput {
  query?: string | undefined;
  kind?: Memory['kind'] | undefined;
  pinned?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A memory similar to a text, with its fused score. */
export interface SimilarMemory {
  memory: Memory;
  score: number;
}

/**
 * Bounds of one Yjs transaction of an import: its update goes to the relay
 * as one frame, which a relay caps (1 MiB by default), and each transaction
 * costs a commit. A memory weighs its text plus about 300 bytes of fields.
 */
const IMPORT_CHUNK = 10_000;
const IMPORT_CHUNK_BYTES = 512 * 1024;
const RECORD_OVERHEAD_BYTES = 300;

export class MemoryService {
  readonly stores: MemoryWorkspaces;
  readonly embedding: EmbedQueue<VectorTodo>;

  constructor(private readonly deps: MemoryDeps) {
    this.stores = new MemoryWorkspaces(deps.workspaces);
    const stores = this.stores;
    this.embedding = new EmbedQueue<VectorTodo>({
      what: 'memories',
      ifOpen: (workspaceId) => stores.ifOpen(workspaceId),
      embedderFor: deps.embedderFor,
      log: deps.log ?? ((level, msg, extra) => console.error(`Qwanyx memory ${level}: ${msg}`, extra ?? '')),
      batchSize: deps.embedBatchSize ?? 64,
    });
  }

  add(workspaceId: string, dhId: string, input: MemoryInput, origin: TxOrigin = txOrigin('local')): Memory {
    const checked = checkInput(input);
    const ws = this.stores.forDh(workspaceId, dhId);
    const record = newRecord(this.deps.newId(), checked, this.deps.now());
    this.write(ws, dhId, origin, (map) => map.set(record.id, writeMemoryRecord(record)));
    return recordToMemory(dhId, record);
  }

  /** Adds many memories, all or nothing: every item is checked first (ValidationError names the first bad one). */
  importMany(workspaceId: string, dhId: string, items: readonly MemoryInput[], origin: TxOrigin = txOrigin('local')): { imported: number } {
    const checked: CheckedInput[] = items.map((item, index) => checkInput(item, `Memory ${index + 1}: `));
    const ws = this.stores.forDh(workspaceId, dhId);
    const now = this.deps.now();
    for (const chunk of importChunks(checked)) {
      // One fresh id per chunk, numbered: as unique as one per memory, without a random draw each.
      const base = this.deps.newId().slice(0, 48);
      this.write(ws, dhId, origin, (map) => {
        chunk.forEach((item, index) => {
          const record = newRecord(`${base}${index.toString(36)}`, item, now);
          map.set(record.id, writeMemoryRecord(record));
        });
      });
    }
    return { imported: checked.length };
  }

  update(workspaceId: string, dhId: string, id: string, patch: MemoryPatch, origin: TxOrigin = txOrigin('local')): Memory {
    const checked = checkPatch(patch);
    const ws = this.stores.forDh(workspaceId, dhId);
    let updated!: MemoryRecord;
    let textChanged = false;
    this.write(ws, dhId, origin, (map) => {
      const current = this.record(map, id);
      updated = patchedRecord(current, checked, this.deps.now());
      textChanged = updated.text !== current.text;
      map.set(id, writeMemoryRecord(updated));
    });
    // The old text must not linger in this device's history of the doc.
    if (textChanged) this.compact(ws, dhId);
    return recordToMemory(dhId, updated);
  }

  /** Deletes a memory for good: removed from the doc, and the doc's history compacted so its text is gone. */
  forget(workspaceId: string, dhId: string, id: string, origin: TxOrigin = txOrigin('local')): { id: string } {
    const ws = this.stores.forDh(workspaceId, dhId);
    this.write(ws, dhId, origin, (map) => {
      this.record(map, id);
      map.delete(id);
    });
    this.compact(ws, dhId);
    return { id };
  }

  pin(workspaceId: string, dhId: string, id: string, on: boolean, origin: TxOrigin = txOrigin('local')): Memory {
    const ws = this.stores.forDh(workspaceId, dhId);
    let pinned!: MemoryRecord;
    this.write(ws, dhId, origin, (map) => {
      const current = this.record(map, id);
      pinned = { ...current, pinned: on, updatedAt: Math.max(this.deps.now(), current.createdAt) };
      map.set(id, writeMemoryRecord(pinned));
    });
    return recordToMemory(dhId, pinned);
  }

  get(workspaceId: string, dhId: string, id: string): Memory {
    const row = this.stores.forDh(workspaceId, dhId).queries.get(dhId, id);
    if (!row) throw new NotFoundError('No such memory');
    return rowToMemory(row);
  }

  /**
   * A page of memories: newest on this device first, or with `query` the best matches first.
   * `cursor` is the previous page's `nextCursor`.
   */
  list(workspaceId: string, dhId: string, input: ListMemoriesInput): MemoryPage {
    const ws = this.stores.forDh(workspaceId, dhId);
    const filter = { kind: input.kind ?? null, pinned: input.pinned ?? null };
    const query = input.query?.trim() ?? '';
    if (query.length > 0) {
      const offset = parseOffsetCursor(input.cursor);
      const match = buildRecallQuery(query).memoryMatch;
      const rows = match === null ? [] : ws.queries.search(dhId, match, offset + input.limit + 1, null, filter).slice(offset);
      const more = rows.length > input.limit;
      return { memories: rows.slice(0, input.limit).map(rowToMemory), nextCursor: more ? `o${offset + input.limit}` : null };
    }
    const rows = ws.queries.page(dhId, filter, parseCursor(input.cursor), input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return { memories: page.map(rowToMemory), nextCursor: rows.length > input.limit && last ? `s${last.seq}` : null };
  }

  /** The `k` memories (and conversation messages) most relevant to `query`, best first. */
  async recall(workspaceId: string, dhId: string, query: string, options: { k: number }): Promise<{ items: RecallItem[] }> {
    const [result] = await this.recallBatch(workspaceId, dhId, [{ id: '', query }], options);
    return { items: result!.items };
  }

  /** Many recalls at once; with vectors on, the queries are embedded in one call. */
  async recallBatch(
    workspaceId: string,
    dhId: string,
    queries: readonly { id: string; query: string }[],
    options: { k: number },
  ): Promise<{ id: string; items: RecallItem[] }[]> {
    this.stores.forDh(workspaceId, dhId);
    const vectors = await this.embedQueries(workspaceId, queries.map((q) => q.query));
    // Opened again after the wait: the workspace may have closed meanwhile.
    const ws = this.stores.forDh(workspaceId, dhId);
    return queries.map((q, i) => ({
      id: q.id,
      items: this.recallNow(ws, dhId, q.query, { k: options.k, vector: vectors?.[i] ?? null, messages: true, weighting: true }).map((r) => r.item),
    }));
  }

  /** Memories whose text is closest to `text` (full text and vectors, no date or recency signal): to update one rather than add a duplicate. */
  async findSimilar(workspaceId: string, dhId: string, text: string, k: number): Promise<SimilarMemory[]> {
    this.stores.forDh(workspaceId, dhId);
    const vectors = await this.embedQueries(workspaceId, [text]);
    const ws = this.stores.forDh(workspaceId, dhId);
    return this.recallNow(ws, dhId, text, { k, vector: vectors?.[0] ?? null, messages: false, weighting: false }).flatMap((r) =>
      r.row ? [{ memory: rowToMemory(r.row), score: r.item.score }] : [],
    );
  }

  /**
   * Applies the operations a model proposed, in one transaction with `origin`
   * (`agent` for the runtime). Every operation is checked first; an UPDATE or
   * DELETE of a memory that does not exist is skipped, not an error.
   */
  applyOperations(workspaceId: string, dhId: string, ops: readonly unknown[], origin: TxOrigin): MemoryOperationOutcome[] {
    const checked = checkOperations(ops);
    const ws = this.stores.forDh(workspaceId, dhId);
    const outcomes: MemoryOperationOutcome[] = [];
    let removedText = false;
    this.write(ws, dhId, origin, (map) => {
      const now = this.deps.now();
      for (const op of checked) {
        if (op.op === 'NOOP') {
          outcomes.push({ op: 'NOOP', id: null, status: 'applied', reason: null, memory: null });
          continue;
        }
        if (op.op === 'ADD') {
          const record = newRecord(this.deps.newId(), op.memory, now);
          map.set(record.id, writeMemoryRecord(record));
          outcomes.push({ op: 'ADD', id: record.id, status: 'applied', reason: null, memory: recordToMemory(dhId, record) });
          continue;
        }
        const current = readMemoryRecord(op.id, map.get(op.id));
        if (!current) {
          outcomes.push({ op: op.op, id: op.id, status: 'skipped', reason: 'No such memory', memory: null });
          continue;
        }
        if (op.op === 'DELETE') {
          map.delete(op.id);
          removedText = true;
          outcomes.push({ op: 'DELETE', id: op.id, status: 'applied', reason: null, memory: null });
          continue;
        }
        const { op: _op, id: _id, ...patch } = op;
        const updated = patchedRecord(current, patch, now);
        if (updated.text !== current.text) removedText = true;
        map.set(op.id, writeMemoryRecord(updated));
        outcomes.push({ op: 'UPDATE', id: op.id, status: 'applied', reason: null, memory: recordToMemory(dhId, updated) });
      }
    });
    if (removedText) this.compact(ws, dhId);
    return outcomes;
  }

  /** Resolves when the memories of `workspaceId` have all been embedded (or embedding stopped). */
  whenIndexed(workspaceId: string): Promise<void> {
    return this.embedding.whenIdle(workspaceId);
  }

  close(): void {
    this.embedding.close();
  }

  private recallNow(ws: MemoryWorkspace, dhId: string, query: string, options: RecallOptions): RecalledItem[] {
    // Conversations the DH took part in: their projections must be current too.
    if (options.messages) for (const room of ws.handle.storage.db.prepare('SELECT id FROM rooms').pluck().all() as string[]) ws.handle.projections.ensureDocFresh(`room/${room}`);
    return recallMemories({ db: ws.handle.storage.db, queries: ws.queries, vectors: ws.vectors }, dhId, query, { ...options, now: this.deps.now() });
  }

  /** The queries' vectors, or null when the workspace has no embeddings model or it failed (recall then uses full text). */
  private async embedQueries(workspaceId: string, texts: string[]): Promise<{ model: string; values: Float32Array }[] | null> {
    const embedder = this.deps.embedderFor(workspaceId);
    const ws = this.stores.ifOpen(workspaceId);
    if (!embedder || !ws?.vectors.available || texts.length === 0) return null;
    try {
      const out: { model: string; values: Float32Array }[] = [];
      for (let i = 0; i < texts.length; i += 64) {
        const vectors = await embedder.embed(texts.slice(i, i + 64));
        if (vectors.length !== Math.min(64, texts.length - i)) throw new Error(`the embedder returned ${vectors.length} vectors`);
        for (const values of vectors) out.push({ model: embedder.model, values });
      }
      return out;
    } catch (err) {
      // A recall must answer even when the model server is down: full text alone then.
      this.deps.log?.('warn', `cannot embed a recall query in workspace ${workspaceId}; using full-text search only`, err);
      return null;
    }
  }

  private write(ws: MemoryWorkspace, dhId: string, origin: TxOrigin, fn: (map: Y.Map<unknown>) => void): void {
    ws.handle.docs.transact(dhDocName(dhId), origin, (doc) => fn(doc.getMap(MEMORIES_MAP)));
  }

  private record(map: Y.Map<unknown>, id: string): MemoryRecord {
    const record = readMemoryRecord(id, map.get(id));
    if (!record) throw new NotFoundError('No such memory');
    return record;
  }

  private compact(ws: MemoryWorkspace, dhId: string): void {
    ws.handle.docs.compact(dhDocName(dhId));
  }
}

/** `items` cut into runs of at most IMPORT_CHUNK memories and about IMPORT_CHUNK_BYTES. */
function importChunks(items: readonly CheckedInput[]): CheckedInput[][] {
  const chunks: CheckedInput[][] = [];
  let current: CheckedInput[] = [];
  let bytes = 0;
  for (const item of items) {
    const weight = RECORD_OVERHEAD_BYTES + Buffer.byteLength(item.text) + (item.source?.length ?? 0) + (item.tags?.join(' ').length ?? 0);
    if (current.length > 0 && (current.length === IMPORT_CHUNK || bytes + weight > IMPORT_CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += weight;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function parseCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  const m = /^s(\d{1,15})$/.exec(cursor);
  if (!m) throw new ValidationError('Unknown cursor: pass the nextCursor of the previous page');
  return Number(m[1]);
}

function parseOffsetCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^o(\d{1,4})$/.exec(cursor);
  if (!m) throw new ValidationError('Unknown cursor: pass the nextCursor of the previous page');
  return Number(m[1]);
}

