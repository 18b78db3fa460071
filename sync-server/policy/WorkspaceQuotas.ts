/**
 * The per-workspace caps: how many docs a workspace may have and how many
 * bytes its writers may add. Bytes are budgeted per writer: each user may add
 * `maxWriterBytes` to a workspace, so a member who writes too much is refused
 * while everyone else, the owner first, keeps writing; `maxWorkspaceBytes`
 * bounds the sum over every writer. A user's bytes are those of the updates
 * the relay accepted from them, as stored (what they changed, re-encoded);
 * they are kept in `writer_bytes` with the log and never decrease
 * (compaction merges everyone's updates, so it cannot give one writer's
 * bytes back). A doc counts once written to; opening a doc that was never
 * written costs nothing.
 */
import type { DocPersistence } from '../persistence/DocPersistence';

/** A write over a cap, and which. */
export interface QuotaRefusal {
  reason: 'too_many_docs' | 'writer_quota' | 'workspace_quota';
  message: string;
}

/** The caps, from the relay's limits. */
export interface QuotaLimits {
  maxDocsPerWorkspace: number;
  maxWriterBytes: number;
  maxWorkspaceBytes: number;
}

/** The usage of one workspace, in memory, updated on every accepted write. */
export class WorkspaceUsage {
  private total = 0;

  constructor(
    private readonly limits: QuotaLimits,
    private readonly docNames: Set<string>,
    private readonly writerBytes: Map<string, number>,
  ) {
    for (const bytes of writerBytes.values()) this.total += bytes;
  }

  /** Null when `userId` may write about `bytes` to `docName`, else which cap it would go over. */
  check(docName: string, userId: string, bytes: number): QuotaRefusal | null {
    if (!this.docNames.has(docName) && this.docNames.size >= this.limits.maxDocsPerWorkspace) {
      return { reason: 'too_many_docs', message: `the workspace has ${this.docNames.size} docs, the most the relay allows` };
    }
    if ((this.writerBytes.get(userId) ?? 0) + bytes > this.limits.maxWriterBytes) return { reason: 'writer_quota', message: 'this writer used up its byte budget in the workspace' };
    if (this.total + bytes > this.limits.maxWorkspaceBytes) return { reason: 'workspace_quota', message: 'the workspace used up its byte quota' };
    return null;
  }

  /** Counts an accepted write of `bytes` (as stored) by `userId` to `docName`. */
  charge(docName: string, userId: string, bytes: number): void {
    this.docNames.add(docName);
    this.writerBytes.set(userId, (this.writerBytes.get(userId) ?? 0) + bytes);
    this.total += bytes;
  }
}

export class WorkspaceQuotas {
  private readonly usage = new Map<string, Promise<WorkspaceUsage>>();

  constructor(
    private readonly persistence: DocPersistence,
    private readonly limits: QuotaLimits,
  ) {}

  /** The usage of `workspaceId`, read from storage the first time (a failed read is retried by the next caller). */
  load(workspaceId: string): Promise<WorkspaceUsage> {
    let usage = this.usage.get(workspaceId);
    if (!usage) {
      usage = this.persistence.loadUsage(workspaceId).then((record) => new WorkspaceUsage(this.limits, new Set(record.docNames), record.writerBytes));
      usage.catch(() => this.usage.delete(workspaceId));
      this.usage.set(workspaceId, usage);
    }
    return usage;
  }
}
