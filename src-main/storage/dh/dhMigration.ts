/**
 * Workspace migration 6 (digital-humans): projections of the DH profiles
 * (`digital_humans`, from `meta.dhs`) and of tasks (`tasks`, from each
 * `dh/<id>` doc), plus the local, never-synced `task_reminders_sent`: which
 * reminders this device has already shown. See docs/digital-humans.md.
 */
import type { Migration } from '../runMigrations';

export const dhMigration: Migration = {
  id: 6,
  name: 'digital-humans',
  sql: `
    CREATE TABLE digital_humans (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      handle TEXT NOT NULL,
      handle_local TEXT NOT NULL,
      title TEXT NOT NULL,
      persona TEXT NOT NULL,
      color TEXT NOT NULL,
      model TEXT,
      tools TEXT NOT NULL,
      memory_enabled INTEGER NOT NULL,
      template TEXT,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      archived INTEGER NOT NULL
    );
    CREATE INDEX digital_humans_handle ON digital_humans (handle);
    CREATE INDEX digital_humans_handle_local ON digital_humans (handle_local);
    CREATE TABLE tasks (
      dh_id TEXT NOT NULL,
      id TEXT NOT NULL,
      title TEXT NOT NULL,
      notes TEXT NOT NULL,
      status TEXT NOT NULL,
      assignee_kind TEXT,
      assignee_id TEXT,
      due_at INTEGER,
      remind_at INTEGER,
      parent_id TEXT,
      created_by_kind TEXT NOT NULL,
      created_by_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      ord REAL NOT NULL,
      source_room_id TEXT,
      source_message_id TEXT,
      PRIMARY KEY (dh_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX tasks_id ON tasks (id);
    CREATE INDEX tasks_status ON tasks (status, ord);
    CREATE INDEX tasks_owner ON tasks (dh_id, status, ord);
    CREATE INDEX tasks_assignee ON tasks (assignee_id, status, ord) WHERE assignee_id IS NOT NULL;
    CREATE INDEX tasks_parent ON tasks (parent_id, ord) WHERE parent_id IS NOT NULL;
    CREATE INDEX tasks_open_due ON tasks (due_at) WHERE due_at IS NOT NULL AND status <> 'done';
    CREATE INDEX tasks_open_remind ON tasks (remind_at) WHERE remind_at IS NOT NULL AND status <> 'done';
    CREATE TABLE task_reminders_sent (
      dh_id TEXT NOT NULL,
      task_id TEXT NOT NULL,
      remind_at INTEGER NOT NULL,
      sent_at INTEGER NOT NULL,
      PRIMARY KEY (dh_id, task_id, remind_at)
    ) WITHOUT ROWID;
  `,
};
