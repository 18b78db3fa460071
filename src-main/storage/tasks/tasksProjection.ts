/**
 * Projection of the tasks of each digital human's doc (`dh/<id>`, root map
 * `tasks`, format in taskDocFormat.ts) into the `tasks` table. One state
 * per DH doc; a change is applied task by task (only the keys its
 * transaction touched), anything else rebuilds that DH's rows.
 */
import type * as Y from 'yjs';
import { changedRootKeys } from '../changedRootKeys';
import { dhIdOfDoc } from '../dh/dhDocFormat';
import type { SqliteDb } from '../openSqlite';
import type { Projection } from '../ProjectionRunner';
import { readTaskRecord } from './taskDocFormat';

class Statements {
  readonly upsert;
  readonly remove;
  readonly clear;

  constructor(db: SqliteDb) {
    this.upsert = db.prepare(
      `INSERT INTO tasks (dh_id, id, title, notes, status, assignee_kind, assignee_id, due_at, remind_at, parent_id,
         created_by_kind, created_by_id, created_at, updated_at, ord, source_room_id, source_message_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dh_id, id) DO UPDATE SET title = excluded.title, notes = excluded.notes, status = excluded.status,
         assignee_kind = excluded.assignee_kind, assignee_id = excluded.assignee_id, due_at = excluded.due_at,
         remind_at = excluded.remind_at, parent_id = excluded.parent_id, created_by_kind = excluded.created_by_kind,
         created_by_id = excluded.created_by_id, created_at = excluded.created_at, updated_at = excluded.updated_at,
         ord = excluded.ord, source_room_id = excluded.source_room_id, source_message_id = excluded.source_message_id`,
    );
    this.remove = db.prepare('DELETE FROM tasks WHERE dh_id = ? AND id = ?');
    this.clear = db.prepare('DELETE FROM tasks WHERE dh_id = ?');
  }
}

const cache = new WeakMap<SqliteDb, Statements>();

function statements(db: SqliteDb): Statements {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = new Statements(db)));
  return s;
}

/** The `dh_tasks` projection: the tasks of every `dh/<id>` doc. */
export const tasksProjection: Projection = {
  name: 'dh_tasks',
  version: 1,
  docName: 'dh/',
  rebuild(db, doc, docName) {
    const dhId = requireDhId(docName);
    const s = statements(db);
    s.clear.run(dhId);
    const tasks = doc.getMap('tasks');
    for (const key of tasks.keys()) projectTask(s, dhId, tasks, key);
  },
  apply(db, doc, change) {
    const keys = changedRootKeys(doc, change.transaction).get('tasks');
    if (!keys) return;
    const dhId = requireDhId(change.docName);
    const s = statements(db);
    const tasks = doc.getMap('tasks');
    for (const key of keys) projectTask(s, dhId, tasks, key);
  },
};

function requireDhId(docName: string): string {
  const dhId = dhIdOfDoc(docName);
  if (dhId === null) throw new Error(`${docName} is not a digital human's doc`);
  return dhId;
}

function projectTask(s: Statements, dhId: string, tasks: Y.Map<unknown>, key: string): void {
  const t = readTaskRecord(key, tasks.get(key));
  if (!t) {
    s.remove.run(dhId, key);
    return;
  }
  s.upsert.run(
    dhId,
    t.id,
    t.title,
    t.notes,
    t.status,
    t.assignee?.kind ?? null,
    t.assignee?.id ?? null,
    t.dueAt,
    t.remindAt,
    t.parentId,
    t.createdBy.kind,
    t.createdBy.id,
    t.createdAt,
    t.updatedAt,
    t.order,
    t.sourceRoomId,
    t.sourceMessageId,
  );
}
