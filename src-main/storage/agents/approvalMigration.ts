/**
 * Workspace migration 11 (agents): actions of digital humans held for the
 * confirmation of the person who triggered the turn (`agent_approvals`,
 * local to the device that ran the turn, never synced: the decision is a
 * local act of that person, so a peer cannot approve for them), and who a
 * handed-off job acts for (`agent_jobs.on_behalf_of`), so the work a hand-off
 * starts asks the same person.
 */
import type { Migration } from '../runMigrations';

export const approvalMigration: Migration = {
  id: 11,
  name: 'agent approvals',
  sql: `
    CREATE TABLE agent_approvals (
      id TEXT PRIMARY KEY,
      job_id TEXT NOT NULL,
      dh_id TEXT NOT NULL,
      room_id TEXT NOT NULL,
      thread_root_id TEXT,
      reply_id TEXT,
      trigger_message_id TEXT,
      requested_for TEXT NOT NULL,
      tool TEXT NOT NULL,
      arguments TEXT NOT NULL,
      reasons TEXT NOT NULL,
      state TEXT NOT NULL,
      result TEXT,
      created_at INTEGER NOT NULL,
      decided_at INTEGER
    );
    CREATE INDEX agent_approvals_room ON agent_approvals (room_id, state, created_at);
    ALTER TABLE agent_jobs ADD COLUMN on_behalf_of TEXT;
  `,
};
