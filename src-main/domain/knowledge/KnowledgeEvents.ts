/**
 * The one place where the knowledge base reacts to doc changes (local,
 * remote, agent or system alike): it tells the shells which workspaces'
 * documents changed (`knowledge.changed`, coalesced and sent after the
 * transactions commit), queues new passages for embedding, and starts
 * syncing a digital human's doc when this device writes to it first.
 */
import { AfterCommitBatch } from '../AfterCommitBatch';
import type { EventName, EventPayload } from '../../common/contract';
import { dhIdOfDoc } from '../../storage/dh/dhDocFormat';
import { KNOWLEDGE_MAP } from '../../storage/knowledge/knowledgeDocFormat';
import { changedRootKeys } from '../../storage/changedRootKeys';
import type { DocChange } from '../../sync/DocManager';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';
import type { EmbedQueue } from '../memory/EmbedQueue';
import type { KnowledgeWorkspaces } from './KnowledgeWorkspaces';

export interface KnowledgeEventsDeps {
  workspaces: WorkspaceService;
  stores: KnowledgeWorkspaces;
  embedding: Pick<EmbedQueue<never>, 'schedule'>;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Starts syncing one more doc of a linked workspace (no-op otherwise). */
  syncDoc: (workspaceId: string, docName: string) => void;
}

export class KnowledgeEvents {
  /** Workspaces whose documents changed in this burst. */
  private readonly changed = new AfterCommitBatch<string>((ids) => this.flush(ids));
  private readonly stop: () => void;

  constructor(private readonly deps: KnowledgeEventsDeps) {
    this.stop = deps.workspaces.observeHandles({ opened: (handle) => this.opened(handle), closing: () => undefined });
  }

  close(): void {
    this.changed.close();
    this.stop();
  }

  private opened(handle: WorkspaceHandle): void {
    handle.docs.onChange((change) => this.onChange(handle, change));
    // Passages indexed while no embeddings model was set (or by another process) wait for vectors.
    if (this.deps.stores.forHandle(handle).vectors.hasTodo()) this.deps.embedding.schedule(handle.id);
  }

  private onChange(handle: WorkspaceHandle, change: DocChange): void {
    const dhId = dhIdOfDoc(change.docName);
    if (dhId === null && change.docName !== 'meta') return;
    if (!changedRootKeys(handle.docs.doc(change.docName), change.transaction).has(KNOWLEDGE_MAP)) return;
    this.changed.add(handle.id);
    if (dhId !== null && change.origin.source !== 'remote') this.deps.syncDoc(handle.id, change.docName);
  }

  private flush(workspaceIds: readonly string[]): void {
    for (const workspaceId of workspaceIds) {
      this.deps.emit('knowledge.changed', { workspaceId });
      this.deps.embedding.schedule(workspaceId);
    }
  }
}
