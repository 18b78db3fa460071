/**
 * Workspace migration 12 (connector tools): when each connector of the workspace was
 * last used by a digital human on this device (`connector_last_used`: one
 * row per connector id, the time its latest tool call passed the gate).
 * Local to the device, never synced: it answers "is this connection still
 * in use here?" in Settings, and is written in the same SQLite transaction
 * as the call's audit entry, so it costs no commit of its own.
 */
import type { Migration } from '../runMigrations';

export const connectorUseMigration: Migration = {
  id: 12,
  name: 'connector last used',
  sql: `
    CREATE TABLE connector_last_used (
      connector_id TEXT PRIMARY KEY,
      used_at INTEGER NOT NULL
    ) WITHOUT ROWID;
  `,
};
