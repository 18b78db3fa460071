/**
 * The one place where memory reacts to doc changes (local, remote, agent or
 * system alike): it tells the shells which digital humans' memories changed
 * (`memory.changed`, coalesced and sent after the transactions commit),
 * queues the changed memories for embedding, and starts syncing a DH's doc
 * when this device writes to it first.
 */
import type { EventName, EventPayload } from '../../common/contract';
import { dhIdOfDoc } from '../../storage/dh/dhDocFormat';
import { MEMORIES_MAP } from '../../storage/memory/memoryDocFormat';
import { changedRootKeys } from '../../sync/changedRootKeys';
import type { DocChange } from '../../sync/DocManager';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';
import type { EmbedQueue } from './EmbedQueue';
import type { MemoryWorkspaces } from './MemoryWorkspaces';

export interface MemoryEventsDeps {
  workspaces: WorkspaceService;
  stores: MemoryWorkspaces;
  embedding: Pick<EmbedQueue<never>, 'schedule'>;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Starts syncing one more doc of a linked workspace (no-op otherwise). */
  syncDoc: (workspaceId: string, docName: string) => void;
}

export class MemoryEvents {
  /** workspaceId → DH ids whose memories changed since the last flush. */
  private readonly changed = new Map<string, Set<string>>();
  private flushScheduled = false;
  private closed = false;
  private readonly stop: () => void;

  constructor(private readonly deps: MemoryEventsDeps) {
    this.stop = deps.workspaces.observeHandles({ opened: (handle) => this.opened(handle), closing: () => undefined });
  }

  close(): void {
    this.closed = true;
    this.stop();
  }

  private opened(handle: WorkspaceHandle): void {
    handle.docs.onChange((change) => this.onChange(handle, change));
    // Memories added while no embeddings model was set (or by another process) wait for vectors.
    if (this.deps.stores.forHandle(handle).vectors.hasTodo()) this.deps.embedding.schedule(handle.id);
  }

  private onChange(handle: WorkspaceHandle, change: DocChange): void {
    const dhId = dhIdOfDoc(change.docName);
    if (dhId === null) return;
    if (!changedRootKeys(handle.docs.doc(change.docName), change.transaction).has(MEMORIES_MAP)) return;
    let ids = this.changed.get(handle.id);
    if (!ids) this.changed.set(handle.id, (ids = new Set()));
    ids.add(dhId);
    if (change.origin.source !== 'remote') this.deps.syncDoc(handle.id, change.docName);
    if (this.flushScheduled || this.closed) return;
    this.flushScheduled = true;
    // After the current transaction (the listener runs inside it) has committed.
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed) return;
    for (const [workspaceId, dhIds] of this.changed) {
      for (const dhId of dhIds) this.deps.emit('memory.changed', { workspaceId, dhId });
      this.deps.embedding.schedule(workspaceId);
    }
    this.changed.clear();
  }
}
