/**
 * Tasks of a workspace. Each task lives in one digital human's doc,
 * `dh/<dhId>` (format in storage/tasks/taskDocFormat.ts): the DH whose list
 * it was created in; subtasks live with their parent. Reads come from the
 * `tasks` projection. A write by a person has origin `local`, by a DH
 * `agent` (the actor says which).
 */
import * as Y from 'yjs';
import { NotFoundError, ValidationError } from '../../common/AppError';
import type { Task, TaskActor, TaskStatus } from '../../common/contract';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { writeTaskFields, writeTaskRecord, type TaskFields, type TaskRecord } from '../../storage/tasks/taskDocFormat';
import type { StoredTask } from '../../storage/tasks/TaskQueries';
import { txOrigin, type TxOrigin } from '../../sync/TxOrigin';
import { dhWorkspace, freshTasks, type DhWorkspace } from '../dh/dhWorkspace';
import type { RoomsContext } from '../rooms/RoomsContext';

export interface CreateTaskInput {
  title: string;
  notes?: string | undefined;
  status?: TaskStatus | undefined;
  assignee?: TaskActor | null | undefined;
  dueAt?: number | null | undefined;
  remindAt?: number | null | undefined;
  /** Makes it a subtask: it then goes to its parent's list, whatever `dhId` says. */
  parentId?: string | null | undefined;
  sourceRoomId?: string | null | undefined;
  sourceMessageId?: string | null | undefined;
}

/** Fields to change; null clears the assignee, a date or the parent. */
export interface TaskPatch {
  title?: string | undefined;
  notes?: string | undefined;
  status?: TaskStatus | undefined;
  assignee?: TaskActor | null | undefined;
  dueAt?: number | null | undefined;
  remindAt?: number | null | undefined;
  parentId?: string | null | undefined;
  order?: number | undefined;
}

export interface TaskFilter {
  /** Tasks in this DH's list, or assigned to this DH. */
  dhId?: string | undefined;
  /** Tasks assigned to this person or DH (its id). */
  assignee?: string | undefined;
  status?: TaskStatus | undefined;
  /** Subtasks of this task; null: top-level tasks only. */
  parentId?: string | null | undefined;
  includeDone?: boolean | undefined;
}

/** A reminder whose time has come on this device. */
export interface DueReminder {
  workspaceId: string;
  dhId: string;
  taskId: string;
  title: string;
  remindAt: number;
}

/**
 * How far back a reminder still fires: a device that was off for longer
 * does not greet its user with a pile of stale reminders (see docs).
 */
export const REMINDER_GRACE_MS = 48 * 3_600_000;

export class TaskService {
  constructor(private readonly ctx: RoomsContext) {}

  /** Tasks matching `filter`, by board order. */
  list(workspaceId: string, filter: TaskFilter = {}): Task[] {
    const ws = this.workspace(workspaceId);
    freshTasks(ws);
    const rows = ws.tasks.list({
      ...(filter.dhId !== undefined ? { dhId: filter.dhId } : {}),
      ...(filter.assignee !== undefined ? { assigneeId: filter.assignee } : {}),
      ...(filter.status !== undefined ? { status: filter.status } : {}),
      ...(filter.parentId !== undefined ? { parentId: filter.parentId } : {}),
      ...(filter.includeDone !== undefined ? { includeDone: filter.includeDone } : {}),
    });
    return this.describe(ws, rows);
  }

  /** Task `taskId`; NotFoundError when no list holds it. */
  get(workspaceId: string, taskId: string): Task {
    const ws = this.workspace(workspaceId);
    freshTasks(ws);
    return this.describe(ws, [this.stored(ws, taskId)])[0]!;
  }

  /** Adds a task to `dhId`'s list (a subtask to its parent's). */
  create(workspaceId: string, dhId: string, input: CreateTaskInput, actor: TaskActor): Task {
    const ws = this.workspace(workspaceId);
    freshTasks(ws);
    let owner = dhId;
    if (input.parentId) owner = this.stored(ws, input.parentId).dhId;
    this.assertOpenList(ws, owner);
    if (input.assignee) this.assertAssignee(ws, input.assignee);
    const now = this.ctx.deps.now();
    const task: TaskRecord = {
      id: this.ctx.deps.newId(),
      title: input.title,
      notes: input.notes ?? '',
      status: input.status ?? 'todo',
      assignee: input.assignee ?? null,
      dueAt: input.dueAt ?? null,
      remindAt: input.remindAt ?? null,
      parentId: input.parentId ?? null,
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
      order: this.nextOrder(ws, owner, now),
      sourceRoomId: input.sourceRoomId ?? null,
      sourceMessageId: input.sourceMessageId ?? null,
    };
    ws.handle.docs.transact(dhDocName(owner), originOf(actor), (doc) => writeTaskRecord(doc.getMap('tasks'), task));
    return this.get(workspaceId, task.id);
  }

  /** Changes the fields given. A parent must be in the same list and not under the task itself. */
  update(workspaceId: string, taskId: string, patch: TaskPatch, actor: TaskActor): Task {
    const ws = this.workspace(workspaceId);
    freshTasks(ws);
    const task = this.stored(ws, taskId);
    if (patch.assignee) this.assertAssignee(ws, patch.assignee);
    if (patch.parentId) {
      const parent = this.stored(ws, patch.parentId);
      if (parent.dhId !== task.dhId) throw new ValidationError("A subtask stays in its parent's list");
      if (ws.tasks.subtree(task.dhId, taskId).includes(parent.id)) throw new ValidationError('A task cannot go under itself or one of its subtasks');
    }
    const { title, notes, status, assignee, dueAt, remindAt, parentId, order } = patch;
    const fields: Partial<TaskFields> = {
      ...definedOnly({ title, notes, status, assignee, dueAt, remindAt, parentId, order }),
      updatedAt: this.ctx.deps.now(),
    };
    // Found before the transaction: a throw inside one would make DocManager reload the doc.
    const entry = entryOf(ws.handle.docs.doc(dhDocName(task.dhId)).getMap('tasks'), taskId);
    this.writeTasks(ws, task.dhId, actor, () => writeTaskFields(entry, fields));
    return this.get(workspaceId, taskId);
  }

  /** Gives the task to a person or a DH; null unassigns it. */
  assign(workspaceId: string, taskId: string, assignee: TaskActor | null, actor: TaskActor): Task {
    return this.update(workspaceId, taskId, { assignee }, actor);
  }

  /** Deletes a task and every subtask under it. */
  delete(workspaceId: string, taskId: string, actor: TaskActor): { id: string } {
    const ws = this.workspace(workspaceId);
    freshTasks(ws);
    const task = this.stored(ws, taskId);
    const ids = ws.tasks.subtree(task.dhId, taskId);
    this.writeTasks(ws, task.dhId, actor, (tasks) => {
      for (const id of ids) tasks.delete(id);
    });
    return { id: taskId };
  }

  /** Breaks a task into subtasks with these titles, in order, for the same assignee; returns them. */
  decompose(workspaceId: string, taskId: string, titles: readonly string[], actor: TaskActor): Task[] {
    const ws = this.workspace(workspaceId);
    freshTasks(ws);
    const parent = this.stored(ws, taskId);
    this.assertOpenList(ws, parent.dhId);
    if (titles.length === 0) throw new ValidationError('Give at least one subtask');
    const now = this.ctx.deps.now();
    const first = this.nextOrder(ws, parent.dhId, now);
    const subtasks: TaskRecord[] = titles.map((title, i) => ({
      id: this.ctx.deps.newId(),
      title,
      notes: '',
      status: 'todo',
      assignee: parent.assignee,
      dueAt: null,
      remindAt: null,
      parentId: parent.id,
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
      order: first + i,
      sourceRoomId: parent.sourceRoomId,
      sourceMessageId: parent.sourceMessageId,
    }));
    this.writeTasks(ws, parent.dhId, actor, (tasks) => {
      for (const t of subtasks) writeTaskRecord(tasks, t);
    });
    const created = new Set(subtasks.map((t) => t.id));
    return this.list(workspaceId, { parentId: parent.id, includeDone: true }).filter((t) => created.has(t.id));
  }

  /** Open tasks whose reminder time has passed (within REMINDER_GRACE_MS) and that this device has not reminded of. */
  dueReminders(workspaceId: string, now: number): DueReminder[] {
    const ws = this.workspace(workspaceId);
    freshTasks(ws);
    return ws.tasks.dueReminders(now - REMINDER_GRACE_MS, now).map((r) => ({ workspaceId, ...r }));
  }

  /** Records that this device showed these reminders, so they never fire again here. */
  markReminded(workspaceId: string, reminders: readonly DueReminder[], now: number): void {
    const ws = this.workspace(workspaceId);
    ws.handle.storage.db.transaction(() => {
      for (const r of reminders) ws.tasks.markReminded(r.dhId, r.taskId, r.remindAt, now);
    })();
  }

  /** The earliest reminder still to come in an open workspace, or null (opens nothing). */
  nextReminderAfter(workspaceId: string, after: number): number | null {
    const handle = this.ctx.deps.workspaces.openHandle(workspaceId);
    return handle ? dhWorkspace(handle).tasks.nextReminderAfter(after) : null;
  }

  private workspace(workspaceId: string): DhWorkspace {
    return dhWorkspace(this.ctx.workspace(workspaceId).handle);
  }

  private stored(ws: DhWorkspace, taskId: string): StoredTask {
    const task = ws.tasks.get(taskId);
    if (!task) throw new NotFoundError('No such task in this workspace');
    return task;
  }

  private assertOpenList(ws: DhWorkspace, dhId: string): void {
    const dh = ws.dhs.get(dhId);
    if (!dh) throw new NotFoundError('No such digital human in this workspace');
    if (dh.archived) throw new ValidationError(`${dh.name} is archived: restore it to add tasks to its list`);
  }

  private assertAssignee(ws: DhWorkspace, assignee: TaskActor): void {
    const member = this.ctx.members(this.ctx.forHandle(ws.handle)).byId.get(assignee.id);
    const kind = member?.kind === 'dh' ? 'dh' : member ? 'member' : null;
    if (kind !== assignee.kind) throw new ValidationError(`${assignee.id} is not a ${assignee.kind === 'dh' ? 'digital human' : 'member'} of this workspace`);
  }

  /** After everything else on the board, so a new task shows at the bottom of its column. */
  private nextOrder(ws: DhWorkspace, dhId: string, now: number): number {
    return Math.max(now, Math.floor(ws.tasks.maxOrder(dhId) ?? 0) + 1);
  }

  private writeTasks(ws: DhWorkspace, dhId: string, actor: TaskActor, change: (tasks: Y.Map<unknown>) => void): void {
    ws.handle.docs.transact(dhDocName(dhId), originOf(actor), (doc) => change(doc.getMap('tasks')));
  }

  private describe(ws: DhWorkspace, rows: readonly StoredTask[]): Task[] {
    const counts = ws.tasks.subtaskCounts(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, subtasks: counts.get(r.id) ?? { total: 0, done: 0 } }));
  }
}

/** A person's write is `local`; a DH's is `agent`. */
function originOf(actor: TaskActor): TxOrigin {
  return txOrigin(actor.kind === 'dh' ? 'agent' : 'local', actor.id);
}

function entryOf(tasks: Y.Map<unknown>, taskId: string): Y.Map<unknown> {
  const entry = tasks.get(taskId);
  // The projection said it exists; only a write by another process since could make this fail.
  if (!(entry instanceof Y.Map)) throw new NotFoundError('No such task in this workspace');
  return entry as Y.Map<unknown>;
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
