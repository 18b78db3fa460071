/**
 * The migrations of every workspace database that belong to no feature: the
 * Yjs update log and snapshots (1), projection state and meta settings (2),
 * the local, never-synced `sync_pending` table: one row per local update
 * (doc, log seq) that the relay has not acknowledged yet (3), and an index of
 * snapshots' `upto_seq`, so reading a doc's clock never touches its snapshot
 * blob (5). Each feature declares its own migrations in its module (rooms 4,
 * digital humans 6, memory 7, providers 8, agents 9, knowledge 10); the core
 * merges them into one list numbered 1..n (see `composeWorkspaceSchema`).
 */
import type { Migration } from './runMigrations';

export const baseWorkspaceMigrations: readonly Migration[] = [
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
  {
    // Clocks read a snapshot's upto_seq often; stored after the blob, it costs a walk over its pages.
    id: 5,
    name: 'snapshot-seq-index',
    sql: `CREATE INDEX snapshots_seq ON snapshots (doc_id, upto_seq);`,
  },
];
