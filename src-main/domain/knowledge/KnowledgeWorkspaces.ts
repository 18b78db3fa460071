/**
 * How the knowledge services reach a workspace: its handle, and the
 * knowledge queries and vector store of its database (made once per open
 * handle), with the projections of the scopes read brought up to date.
 */
import { WORKSPACE_SCOPE } from '../../common/contract/knowledgeChannels';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { KnowledgeQueries } from '../../storage/knowledge/KnowledgeQueries';
import { KnowledgeVectorStore } from '../../storage/knowledge/KnowledgeVectorStore';
import { scopeKey } from '../ScopeKey';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';

/** One open workspace, as the knowledge services use it. */
export interface KnowledgeWorkspace {
  id: string;
  handle: WorkspaceHandle;
  queries: KnowledgeQueries;
  vectors: KnowledgeVectorStore;
}

const VIEW = scopeKey<KnowledgeWorkspace>('knowledge.view');

/** The doc that holds the documents of `scope`. */
export function knowledgeDocName(scope: string): string {
  return scope === WORKSPACE_SCOPE ? 'meta' : dhDocName(scope);
}

export class KnowledgeWorkspaces {
  constructor(private readonly workspaces: WorkspaceService) {}

  /** Workspace `workspaceId`, opened if needed (NotFoundError when there is none). */
  open(workspaceId: string): KnowledgeWorkspace {
    this.workspaces.get(workspaceId);
    return this.forHandle(this.workspaces.handle(workspaceId));
  }

  /** Workspace `workspaceId` if its database is open, else null (opens nothing). */
  ifOpen(workspaceId: string): KnowledgeWorkspace | null {
    const handle = this.workspaces.openHandle(workspaceId);
    return handle ? this.forHandle(handle) : null;
  }

  /** The knowledge view of an open handle. */
  forHandle(handle: WorkspaceHandle): KnowledgeWorkspace {
    return handle.scoped(VIEW, (h) => ({
      id: h.id,
      handle: h,
      queries: new KnowledgeQueries(h.storage.db),
      vectors: new KnowledgeVectorStore(h.storage.db),
    }));
  }

  /** Workspace `workspaceId`, ready to read the documents of `scopes` (their projections up to date). */
  forScopes(workspaceId: string, scopes: readonly string[]): KnowledgeWorkspace {
    const ws = this.open(workspaceId);
    for (const scope of scopes) ws.handle.projections.ensureDocFresh(knowledgeDocName(scope));
    return ws;
  }
}
