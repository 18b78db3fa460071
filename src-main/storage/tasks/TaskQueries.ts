/**
 * Reads of the `tasks` projection, and this device's record of the
 * reminders it has shown (`task_reminders_sent`, local, never synced).
 */
import type { TaskActor, TaskStatus } from '../../common/contract/taskChannels';
import type { SqliteDb } from '../openSqlite';
import type { TaskRecord } from './taskDocFormat';

interface TaskRow {
  dh_id: string;
  id: string;
  title: string;
  notes: string;
  status: TaskStatus;
  assignee_kind: TaskActor['kind'] | null;
  assignee_id: string | null;
  due_at: number | null;
  remind_at: number | null;
  parent_id: string | null;
  created_by_kind: TaskActor['kind'];
  created_by_id: string;
  created_at: number;
  updated_at: number;
  ord: number;
  source_room_id: string | null;
  source_message_id: string | null;
}

/** A projected task and the DH whose doc holds it. */
export interface StoredTask extends TaskRecord {
  dhId: string;
}

/** Which tasks to list; every field narrows the list. */
export interface TaskQueryFilter {
  /** Tasks in this DH's list, or assigned to this DH. */
  dhId?: string;
  /** Tasks assigned to this person or DH. */
  assigneeId?: string;
  status?: TaskStatus;
  /** Subtasks of this task; null: top-level tasks only; absent: any. */
  parentId?: string | null;
  /** Done tasks are left out unless this is set (or status is 'done'). */
  includeDone?: boolean;
}

/** A reminder that is due on this device. */
export interface DueReminderRow {
  dhId: string;
  taskId: string;
  title: string;
  remindAt: number;
}

function toTask(r: TaskRow): StoredTask {
  return {
    dhId: r.dh_id,
    id: r.id,
    title: r.title,
    notes: r.notes,
    status: r.status,
    assignee: r.assignee_kind !== null && r.assignee_id !== null ? { kind: r.assignee_kind, id: r.assignee_id } : null,
    dueAt: r.due_at,
    remindAt: r.remind_at,
    parentId: r.parent_id,
    createdBy: { kind: r.created_by_kind, id: r.created_by_id },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    order: r.ord,
    sourceRoomId: r.source_room_id,
    sourceMessageId: r.source_message_id,
  };
}

/** Queries over the tasks of one workspace database. */
export class TaskQueries {
  private readonly getStmt;
  private readonly subtreeStmt;
  private readonly dueStmt;
  private readonly nextStmt;
  private readonly sentStmt;
  private readonly forgetStmt;
  private readonly assignedStmt;
  private readonly maxOrderStmt;

  constructor(private readonly db: SqliteDb) {
    this.getStmt = db.prepare('SELECT * FROM tasks WHERE id = ? AND dh_id IN (SELECT id FROM digital_humans) ORDER BY dh_id LIMIT 1');
    this.subtreeStmt = db
      .prepare(
        `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT t.id FROM tasks t JOIN sub ON t.parent_id = sub.id WHERE t.dh_id = ?)
         SELECT id FROM sub`,
      )
      .pluck();
    this.dueStmt = db.prepare(
      `SELECT t.dh_id AS dhId, t.id AS taskId, t.title, t.remind_at AS remindAt FROM tasks t
       WHERE t.remind_at IS NOT NULL AND t.status <> 'done' AND t.remind_at > ? AND t.remind_at <= ?
         AND t.dh_id IN (SELECT id FROM digital_humans)
         AND NOT EXISTS (SELECT 1 FROM task_reminders_sent s WHERE s.dh_id = t.dh_id AND s.task_id = t.id AND s.remind_at = t.remind_at)
       ORDER BY t.remind_at, t.id`,
    );
    this.nextStmt = db
      .prepare(`SELECT MIN(remind_at) FROM tasks WHERE remind_at IS NOT NULL AND status <> 'done' AND remind_at > ?`)
      .pluck();
    this.sentStmt = db.prepare('INSERT OR IGNORE INTO task_reminders_sent (dh_id, task_id, remind_at, sent_at) VALUES (?, ?, ?, ?)');
    this.forgetStmt = db.prepare('DELETE FROM task_reminders_sent WHERE dh_id = ?');
    this.assignedStmt = db.prepare('SELECT * FROM tasks WHERE assignee_kind = ? AND assignee_id = ?');
    this.maxOrderStmt = db.prepare('SELECT MAX(ord) FROM tasks WHERE dh_id = ?').pluck();
  }

  /** Tasks matching `filter`, by board order. */
  list(filter: TaskQueryFilter): StoredTask[] {
    // Tasks of a DH whose profile is gone (deleted on another device, its doc not yet cleared here) are not shown.
    const where: string[] = ['dh_id IN (SELECT id FROM digital_humans)'];
    const params: unknown[] = [];
    if (filter.dhId !== undefined) {
      where.push("(dh_id = ? OR (assignee_kind = 'dh' AND assignee_id = ?))");
      params.push(filter.dhId, filter.dhId);
    }
    if (filter.assigneeId !== undefined) {
      where.push('assignee_id = ?');
      params.push(filter.assigneeId);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      params.push(filter.status);
    } else if (filter.includeDone !== true) {
      where.push("status <> 'done'");
    }
    if (filter.parentId === null) where.push('parent_id IS NULL');
    else if (filter.parentId !== undefined) {
      where.push('parent_id = ?');
      params.push(filter.parentId);
    }
    const sql = `SELECT * FROM tasks WHERE ${where.join(' AND ')} ORDER BY ord, created_at, id`;
    return (this.db.prepare(sql).all(...params) as TaskRow[]).map(toTask);
  }

  /** Task `id` (in whichever DH's list holds it), or null. */
  get(id: string): StoredTask | null {
    const row = this.getStmt.get(id) as TaskRow | undefined;
    return row ? toTask(row) : null;
  }

  /** `id` and every task under it in `dhId`'s list. */
  subtree(dhId: string, id: string): string[] {
    return this.subtreeStmt.all(id, dhId) as string[];
  }

  /** Direct subtasks of each of `parentIds`: how many, and how many are done. */
  subtaskCounts(parentIds: readonly string[]): Map<string, { total: number; done: number }> {
    const out = new Map<string, { total: number; done: number }>();
    // Chunks stay under SQLite's limit on bound parameters.
    for (let i = 0; i < parentIds.length; i += 500) {
      const chunk = parentIds.slice(i, i + 500);
      const rows = this.db
        .prepare(
          `SELECT parent_id AS id, COUNT(*) AS total, SUM(status = 'done') AS done FROM tasks
           WHERE parent_id IN (${chunk.map(() => '?').join(',')}) GROUP BY parent_id`,
        )
        .all(...chunk) as { id: string; total: number; done: number }[];
      for (const r of rows) out.set(r.id, { total: r.total, done: r.done });
    }
    return out;
  }

  /** Tasks assigned to `actor`. */
  assignedTo(actor: TaskActor): StoredTask[] {
    return (this.assignedStmt.all(actor.kind, actor.id) as TaskRow[]).map(toTask);
  }

  /** The highest board position in `dhId`'s list, or null when it is empty. */
  maxOrder(dhId: string): number | null {
    return this.maxOrderStmt.get(dhId) as number | null;
  }

  /** Open tasks whose reminder time is in (`since`, `now`] and that this device has not reminded of yet. */
  dueReminders(since: number, now: number): DueReminderRow[] {
    return this.dueStmt.all(since, now) as DueReminderRow[];
  }

  /** The earliest reminder of an open task after `after`, or null. */
  nextReminderAfter(after: number): number | null {
    return this.nextStmt.get(after) as number | null;
  }

  /** Records that this device showed the reminder of `taskId` set for `remindAt`. */
  markReminded(dhId: string, taskId: string, remindAt: number, sentAt: number): void {
    this.sentStmt.run(dhId, taskId, remindAt, sentAt);
  }

  /** Forgets the reminders shown for `dhId`'s tasks (the DH was deleted). */
  forgetReminders(dhId: string): void {
    this.forgetStmt.run(dhId);
  }
}
