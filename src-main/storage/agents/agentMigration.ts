/**
 * Workspace migration 9 (agents): the local, never-synced job outbox of the
 * agent runtime (`agent_jobs`: one row per trigger a digital human answers
 * on this device), daily tool and reply counts for quotas (`agent_quota`),
 * this device's id for claims (`agent_device`), and the projection of the
 * synced `audit` doc (`audit_entries`).
 */
import type { Migration } from '../runMigrations';

export const agentMigration: Migration = {
  id: 9,
  name: 'agents',
  sql: `
    CREATE TABLE agent_jobs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      dh_id TEXT NOT NULL,
      room_id TEXT NOT NULL,
      thread_root_id TEXT,
      trigger_id TEXT NOT NULL,
      claim_key TEXT NOT NULL UNIQUE,
      reply_id TEXT,
      state TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      next_at INTEGER NOT NULL,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX agent_jobs_due ON agent_jobs (state, next_at);
    CREATE TABLE agent_quota (
      day TEXT NOT NULL,
      dh_id TEXT NOT NULL,
      action TEXT NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (day, dh_id, action)
    ) WITHOUT ROWID;
    CREATE TABLE agent_device (
      id TEXT PRIMARY KEY
    );
    CREATE TABLE audit_entries (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      at INTEGER NOT NULL,
      actor_kind TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      on_behalf_of TEXT,
      action TEXT NOT NULL,
      resource TEXT NOT NULL,
      outcome TEXT NOT NULL,
      detail TEXT NOT NULL
    );
    CREATE INDEX audit_entries_at ON audit_entries (at, seq);
    CREATE INDEX audit_entries_actor ON audit_entries (actor_id, at);
  `,
};
