/**
 * Schema of each `workspaces/<id>/workspace.db`. Migration 3 adds the local,
 * never-synced `sync_pending` table: one row per local update (doc, log seq)
 * that the relay has not acknowledged yet.
 */
import type { Migration } from './runMigrations';

export const workspaceMigrations: readonly Migration[] = [
  {
    id: 1,
    name: 'yjs-log',
    sql: `
      CREATE TABLE updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id TEXT NOT NULL,
        data BLOB NOT NULL
      );
      CREATE INDEX updates_doc_seq ON updates (doc_id, seq);
      CREATE TABLE snapshots (
        doc_id TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        state_vector BLOB NOT NULL,
        upto_seq INTEGER NOT NULL
      );
    `,
  },
  {
    id: 2,
    name: 'projections',
    sql: `
      CREATE TABLE projection_state (
        name TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        clock INTEGER NOT NULL
      );
      CREATE TABLE meta_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    id: 3,
    name: 'sync-pending',
    sql: `
      CREATE TABLE sync_pending (
        doc_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (doc_id, seq)
      ) WITHOUT ROWID;
    `,
  },
];
