/**
 * How the memory services reach a workspace: its handle, and the memory
 * queries and vector store of its database (made once per open handle).
 */
import { ValidationError } from '../../common/AppError';
import { ENTITY_ID_PATTERN } from '../../common/ids';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { MemoryQueries } from '../../storage/memory/MemoryQueries';
import { MemoryVectorStore } from '../../storage/memory/MemoryVectorStore';
import { scopeKey } from '../ScopeKey';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';

/** One open workspace, as the memory services use it. */
export interface MemoryWorkspace {
  id: string;
  handle: WorkspaceHandle;
  queries: MemoryQueries;
  vectors: MemoryVectorStore;
}

const VIEW = scopeKey<MemoryWorkspace>('memory.view');

export class MemoryWorkspaces {
  constructor(private readonly workspaces: WorkspaceService) {}

  /** Workspace `workspaceId`, opened if needed (NotFoundError when there is none). */
  open(workspaceId: string): MemoryWorkspace {
    this.workspaces.get(workspaceId);
    return this.forHandle(this.workspaces.handle(workspaceId));
  }

  /** Workspace `workspaceId` if its database is open, else null (opens nothing). */
  ifOpen(workspaceId: string): MemoryWorkspace | null {
    const handle = this.workspaces.openHandle(workspaceId);
    return handle ? this.forHandle(handle) : null;
  }

  /** The memory view of an open handle. */
  forHandle(handle: WorkspaceHandle): MemoryWorkspace {
    return handle.scoped(VIEW, (h) => ({ id: h.id, handle: h, queries: new MemoryQueries(h.storage.db), vectors: new MemoryVectorStore(h.storage.db) }));
  }

  /**
   * Workspace `workspaceId`, ready to read the memories of digital human
   * `dhId`: the id is checked and its projection brought up to date.
   */
  forDh(workspaceId: string, dhId: string): MemoryWorkspace {
    assertDhId(dhId);
    const ws = this.open(workspaceId);
    ws.handle.projections.ensureDocFresh(dhDocName(dhId));
    return ws;
  }
}

/** Throws a ValidationError unless `dhId` is a well-formed id. */
export function assertDhId(dhId: string): void {
  if (typeof dhId !== 'string' || !ENTITY_ID_PATTERN.test(dhId)) throw new ValidationError('Digital human id must be 1-64 letters, digits, "_" or "-"');
}
