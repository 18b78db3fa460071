/**
 * Where digital humans and tasks react to doc changes (local, remote, agent
 * or system alike): tells the shells what changed (`dh.changed`,
 * `task.changed`, and `rooms.changed` since a DH's name names DMs), keeps
 * the member directory current, starts syncing the doc of each DH that
 * appears (`task.changed` also tells the reminder scheduler that reminder
 * times may have moved). Events are coalesced per burst and sent after the transactions
 * that caused them have committed.
 */
import type { EventName, EventPayload } from '../../common/contract';
import { dhDocName, dhIdOfDoc } from '../../storage/dh/dhDocFormat';
import { changedRootKeys } from '../../storage/changedRootKeys';
import type { DocChange } from '../../sync/DocManager';
import type { RoomsContext } from '../rooms/RoomsContext';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';

export interface DhEventsDeps {
  ctx: RoomsContext;
  workspaces: WorkspaceService;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Starts syncing one more doc of a linked workspace (no-op otherwise). */
  syncDoc: (workspaceId: string, docName: string) => void;
}

export class DhEvents {
  private readonly dhsChanged = new Set<string>();
  /** Workspace id → DH ids whose tasks changed. */
  private readonly tasksChanged = new Map<string, Set<string>>();
  private flushScheduled = false;
  private closed = false;
  private readonly stop: () => void;

  constructor(private readonly deps: DhEventsDeps) {
    this.stop = deps.workspaces.observeHandles({
      opened: (handle) => {
        handle.docs.onChange((change) => this.onChange(handle, change));
      },
      closing: () => undefined,
    });
  }

  close(): void {
    this.closed = true;
    this.stop();
  }

  private onChange(handle: WorkspaceHandle, change: DocChange): void {
    const id = handle.id;
    if (change.docName === 'meta') {
      const keys = changedRootKeys(handle.docs.doc('meta'), change.transaction).get('dhs');
      if (!keys) return;
      this.deps.ctx.directory.invalidate(id);
      for (const dhId of keys) this.deps.syncDoc(id, dhDocName(dhId));
      this.dhsChanged.add(id);
      this.schedule();
      return;
    }
    const dhId = dhIdOfDoc(change.docName);
    if (dhId === null) return;
    if (!changedRootKeys(handle.docs.doc(change.docName), change.transaction).has('tasks')) return;
    let ids = this.tasksChanged.get(id);
    if (!ids) this.tasksChanged.set(id, (ids = new Set()));
    ids.add(dhId);
    this.schedule();
  }

  private schedule(): void {
    if (this.flushScheduled || this.closed) return;
    this.flushScheduled = true;
    // After the current transaction (the listener runs inside it) has committed.
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed) return;
    for (const workspaceId of this.dhsChanged) {
      this.deps.emit('dh.changed', { workspaceId });
      this.deps.emit('rooms.changed', { workspaceId });
    }
    this.dhsChanged.clear();
    const tasks = [...this.tasksChanged];
    this.tasksChanged.clear();
    for (const [workspaceId, dhIds] of tasks) for (const dhId of dhIds) this.deps.emit('task.changed', { workspaceId, dhId });
  }
}
