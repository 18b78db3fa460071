/**
 * The audit trail of a workspace: every action a digital human takes or is
 * refused (tool calls, replies, hand-offs) is appended to the synced `audit`
 * doc (format in storage/audit/auditDocFormat.ts), so every teammate's
 * device holds the same trail; reads come from its projection. Any change of
 * the doc, local or from the relay, is announced as `audit.changed` (once per
 * burst, after its transaction commits).
 */
import { AfterCommitBatch } from '../AfterCommitBatch';
import { AuditQueries } from '../../storage/audit/AuditQueries';
import { writeAuditRecord, type AuditRecord } from '../../storage/audit/auditDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';

export interface AuditDeps {
  workspaces: WorkspaceService;
  now: () => number;
  newId: () => string;
  /** Tells the shells that a workspace's trail changed. */
  changed?: (workspaceId: string) => void;
}

/** What a caller says about an action; the id and time are added. */
export type AuditInput = Omit<AuditRecord, 'id' | 'at'>;

export class AuditService {
  private readonly due = new AfterCommitBatch<string>((ids) => {
    for (const id of ids) this.deps.changed?.(id);
  });
  private readonly stopObserving: () => void;

  constructor(private readonly deps: AuditDeps) {
    this.stopObserving = deps.workspaces.observeHandles({ opened: (handle) => this.watch(handle), closing: () => undefined });
  }

  close(): void {
    this.due.close();
    this.stopObserving();
  }

  private watch(handle: WorkspaceHandle): void {
    handle.docs.onChange((change) => {
      if (change.docName === 'audit' && this.deps.changed) this.due.add(handle.id);
    });
  }

  /** Appends an entry; durable when this returns. */
  record(workspaceId: string, input: AuditInput): AuditRecord {
    const record: AuditRecord = { ...input, id: this.deps.newId(), at: this.deps.now() };
    const handle = this.deps.workspaces.handle(workspaceId);
    handle.docs.transact('audit', txOrigin(input.actorKind === 'dh' ? 'agent' : 'system', input.actorId), (doc) => {
      doc.getMap('entries').set(record.id, writeAuditRecord(record));
    });
    return record;
  }

  list(workspaceId: string, options: { limit?: number | undefined; beforeAt?: number | undefined; actorId?: string | undefined }): AuditRecord[] {
    this.deps.workspaces.get(workspaceId);
    const handle = this.deps.workspaces.handle(workspaceId);
    handle.projections.ensureDocFresh('audit');
    return new AuditQueries(handle.storage.db).list(options.limit ?? 100, options.beforeAt ?? null, options.actorId ?? null);
  }
}
