/**
 * Embeds knowledge passages in the background, batch by batch, when the
 * workspace has an embeddings model: an import never waits for the model
 * server. Work comes from `knowledge_vector_todo` (filled by triggers as
 * passages are indexed); when the model changes, every vector of the old
 * one is queued again. A failing model server is retried later; a closed
 * workspace stops the work.
 */
import type { Embedder } from '../memory/Embedder';
import type { KnowledgeWorkspaces } from './KnowledgeWorkspaces';

export interface KnowledgeEmbedQueueDeps {
  stores: KnowledgeWorkspaces;
  embedderFor: (workspaceId: string) => Embedder | null;
  log: (level: 'warn' | 'error', msg: string, extra?: unknown) => void;
  /** Passages per call to the model server (default 32: a passage is long). */
  batchSize?: number;
  /** Wait before retrying after a failure (default 30 s). */
  retryMs?: number;
}

export class KnowledgeEmbedQueue {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /** The model whose old vectors were already queued again, per workspace. */
  private readonly requeued = new Map<string, string>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(private readonly deps: KnowledgeEmbedQueueDeps) {}

  /** Embeds whatever waits in workspace `workspaceId`, soon (never in the caller's turn). */
  schedule(workspaceId: string): void {
    if (this.closed) return;
    if (this.running.has(workspaceId)) {
      this.again.add(workspaceId);
      return;
    }
    const run = this.run(workspaceId)
      .catch((err: unknown) => this.deps.log('error', `cannot embed the knowledge of workspace ${workspaceId}`, err))
      .finally(() => {
        this.running.delete(workspaceId);
        if (this.again.delete(workspaceId)) this.schedule(workspaceId);
      });
    this.running.set(workspaceId, run);
  }

  /** Resolves when nothing is being embedded in `workspaceId` any more (work scheduled by a change just made included). */
  async whenIdle(workspaceId: string): Promise<void> {
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
    await new Promise((resolve) => setImmediate(resolve));
    const batchSize = this.deps.batchSize ?? 32;
    while (!this.closed) {
      const ws = this.deps.stores.ifOpen(workspaceId);
      const embedder = ws ? this.deps.embedderFor(workspaceId) : null;
      // Without the vector extension, vectors could be stored but never searched: search uses full text only.
      if (!ws || !embedder || !ws.vectors.available) return;
      if (this.requeued.get(workspaceId) !== embedder.model) {
        ws.vectors.requeueOtherModels(embedder.model);
        this.requeued.set(workspaceId, embedder.model);
      }
      const todo = ws.vectors.todo(batchSize);
      if (todo.length === 0) return;
      let vectors: Float32Array[];
      try {
        vectors = await embedder.embed(
          todo.map((t) => t.text),
          this.abort.signal,
        );
        if (vectors.length !== todo.length || vectors.some((v) => !(v instanceof Float32Array) || v.length === 0 || v.length !== vectors[0]!.length || !v.every(Number.isFinite))) {
          throw new Error(`the embedder returned unusable vectors for ${todo.length} passages`);
        }
      } catch (err) {
        if (this.closed) return;
        this.deps.log('warn', `embedding the knowledge of workspace ${workspaceId} failed; retrying later`, err);
        this.retryLater(workspaceId);
        return;
      }
      if (this.deps.stores.ifOpen(workspaceId)?.handle !== ws.handle) return;
      const stored = ws.vectors.put(
        embedder.model,
        todo.map((t, i) => ({ ...t, vector: vectors[i]! })),
      );
      // Nothing stored (vectors too large to keep, or every passage deleted meanwhile): look again later rather than spin.
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
}
