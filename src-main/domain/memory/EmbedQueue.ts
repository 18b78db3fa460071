/**
 * Embeds texts in the background, batch by batch, when the workspace has an
 * embeddings model: adding memories or importing documents never waits for
 * the model server. Work comes from a vector store's to-do list (filled by
 * triggers as texts are added or changed); when the model changes, every
 * vector of the old one is queued again. A failing model server is retried
 * later; a closed workspace stops the work. Memory and the knowledge base
 * each run one.
 */
import type { Logger } from '../../common/Logger';
import type { Embedder } from './Embedder';

/** A text waiting for its vector. */
export interface EmbedTodo {
  text: string;
}

/** The vector store of one open workspace, as the queue needs it. */
export interface EmbedStore<T extends EmbedTodo> {
  /** False when the vector extension did not load: vectors could never be searched. */
  readonly available: boolean;
  todo(limit: number): T[];
  hasTodo(): boolean;
  requeueOtherModels(model: string): number;
  /** Stores vectors; returns how many were stored. */
  put(model: string, items: readonly (T & { vector: Float32Array })[]): number;
}

export interface EmbedQueueDeps<T extends EmbedTodo> {
  /** What is embedded, for log lines: "memories", "knowledge passages". */
  what: string;
  /** The workspace's store when it is open (its `handle` tells a reopened workspace apart). */
  ifOpen: (workspaceId: string) => { handle: unknown; vectors: EmbedStore<T> } | null;
  embedderFor: (workspaceId: string) => Embedder | null;
  log: Logger;
  /** Texts per call to the model server. */
  batchSize: number;
  /** Wait before retrying after a failure (default 30 s). */
  retryMs?: number;
}

export class EmbedQueue<T extends EmbedTodo> {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /** The model whose old vectors were already queued again, per workspace. */
  private readonly requeued = new Map<string, string>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private readonly warned = new Set<string>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(private readonly deps: EmbedQueueDeps<T>) {}

  /** Embeds whatever waits in workspace `workspaceId`, soon (never in the caller's turn). */
  schedule(workspaceId: string): void {
    if (this.closed) return;
    if (this.running.has(workspaceId)) {
      this.again.add(workspaceId);
      return;
    }
    const run = this.run(workspaceId)
      .catch((err: unknown) => this.deps.log('error', `cannot embed the ${this.deps.what} of workspace ${workspaceId}`, err))
      .finally(() => {
        this.running.delete(workspaceId);
        if (this.again.delete(workspaceId)) this.schedule(workspaceId);
      });
    this.running.set(workspaceId, run);
  }

  /** Resolves when nothing is being embedded in `workspaceId` any more (work scheduled by a change just made included). */
  async whenIdle(workspaceId: string): Promise<void> {
    // Changes schedule work once their transaction has committed, in a microtask.
    await new Promise((resolve) => setImmediate(resolve));
    for (let run = this.running.get(workspaceId); run; run = this.running.get(workspaceId)) await run;
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
  }

  private async run(workspaceId: string): Promise<void> {
    // Out of the transaction (or call) that scheduled us.
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.closed) {
      const ws = this.deps.ifOpen(workspaceId);
      const embedder = ws ? this.deps.embedderFor(workspaceId) : null;
      if (!ws || !embedder) return;
      if (!ws.vectors.available) {
        this.warnOnce(workspaceId, `vectors are unavailable on this device (the vector extension did not load): ${this.deps.what} are searched by full text only`);
        return;
      }
      if (this.requeued.get(workspaceId) !== embedder.model) {
        ws.vectors.requeueOtherModels(embedder.model);
        this.requeued.set(workspaceId, embedder.model);
      }
      const todo = ws.vectors.todo(this.deps.batchSize);
      if (todo.length === 0) return;
      let vectors: Float32Array[];
      try {
        vectors = await embedder.embed(
          todo.map((t) => t.text),
          this.abort.signal,
        );
        checkVectors(vectors, todo.length);
      } catch (err) {
        if (this.closed) return;
        this.deps.log('warn', `embedding the ${this.deps.what} of workspace ${workspaceId} failed; retrying later`, err);
        this.retryLater(workspaceId);
        return;
      }
      // The workspace may have closed while the model server answered.
      if (this.deps.ifOpen(workspaceId)?.handle !== ws.handle) return;
      const stored = ws.vectors.put(
        embedder.model,
        todo.map((t, i) => ({ ...t, vector: vectors[i]! })),
      );
      // Nothing stored (vectors too large to keep, or every text deleted meanwhile): look again later rather than spin.
      if (stored === 0 && ws.vectors.hasTodo()) {
        this.retryLater(workspaceId);
        return;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private retryLater(workspaceId: string): void {
    if (this.retries.has(workspaceId)) return;
    const timer = setTimeout(() => {
      this.retries.delete(workspaceId);
      this.schedule(workspaceId);
    }, this.deps.retryMs ?? 30_000);
    timer.unref();
    this.retries.set(workspaceId, timer);
  }

  private warnOnce(workspaceId: string, msg: string): void {
    if (this.warned.has(workspaceId)) return;
    this.warned.add(workspaceId);
    this.deps.log('warn', `workspace ${workspaceId}: ${msg}`);
  }
}

/** Throws unless `vectors` are `count` non-empty vectors of one length, every value finite. */
function checkVectors(vectors: readonly Float32Array[], count: number): void {
  if (!Array.isArray(vectors) || vectors.length !== count) throw new Error(`the embedder returned ${vectors?.length} vectors for ${count} texts`);
  const dims = vectors[0]?.length ?? 0;
  for (const v of vectors) {
    if (!(v instanceof Float32Array) || v.length === 0 || v.length !== dims) throw new Error('the embedder returned vectors of different lengths');
    for (const x of v) if (!Number.isFinite(x)) throw new Error('the embedder returned a vector with a non-finite value');
  }
}
