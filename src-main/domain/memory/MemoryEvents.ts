/**
 * The one place where memory reacts to doc changes (local, remote, agent or
 * system alike): it tells the shells which digital humans' memories changed
 * (`memory.changed`, coalesced and sent after the transactions commit),
 * queues the changed memories for embedding, and starts syncing a DH's doc
 * when this device writes to it first.
 */
import { AfterCommitBatch } from '../AfterCommitBatch';
import type { EventName, EventPayload } from '../../common/contract';
import { dhIdOfDoc } from '../../storage/dh/dhDocFormat';
import { MEMORIES_MAP } from '../../storage/memory/memoryDocFormat';
import { changedRootKeys } from '../../storage/changedRootKeys';
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
  /** `"<workspaceId> <dhId>"` of the DHs whose memories changed in this burst. */
  private readonly changed = new AfterCommitBatch<string>((keys) => this.flush(keys));
  private readonly stop: () => void;

  constructor(private readonly deps: MemoryEventsDeps) {
    this.stop = deps.workspaces.observeHandles({ opened: (handle) => this.opened(handle), closing: () => undefined });
  }

  close(): void {
    this.changed.close();
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
    this.changed.add(`${handle.id} ${dhId}`);
    if (change.origin.source !== 'remote') this.deps.syncDoc(handle.id, change.docName);
  }

  private flush(keys: readonly string[]): void {
    const workspaces = new Set<string>();
    for (const key of keys) {
      const [workspaceId, dhId] = key.split(' ') as [string, string];
      this.deps.emit('memory.changed', { workspaceId, dhId });
      workspaces.add(workspaceId);
    }
    for (const workspaceId of workspaces) this.deps.embedding.schedule(workspaceId);
  }
}
