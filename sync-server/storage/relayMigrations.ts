/**
 * Schemas of the relay's two SQLite files: `accounts.db` (users, devices,
 * one-time codes, workspaces, members, invitations) and `docs.db` (the Yjs
 * update log and snapshots, keyed by workspace and doc name). Times are
 * milliseconds since the epoch.
 */
import type { RelayMigration } from './runRelayMigrations';

export const ACCOUNT_MIGRATIONS: readonly RelayMigration[] = [
  {
    id: 1,
    name: 'accounts',
    sql: `
      CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
      CREATE TABLE login_codes (
        email TEXT PRIMARY KEY,
        code_hash TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE workspaces (id TEXT PRIMARY KEY, created_by TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE members (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (workspace_id, user_id)
      );
      CREATE INDEX members_by_user ON members(user_id);
      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'member', 'guest')),
        token_hash TEXT NOT NULL UNIQUE,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        accepted_at INTEGER,
        accepted_by TEXT,
        revoked_at INTEGER
      );
      CREATE INDEX invitations_by_workspace ON invitations(workspace_id, created_at);
    `,
  },
  {
    id: 2,
    name: 'device_expiry_and_failed_checks',
    // Device tokens expire when unused (sliding: each use pushes expires_at); tokens from before get 30 days from now.
    // Wrong sign-in codes are counted per email and per client IP per UTC day (docs/relay-api.md "Sign-in").
    sql: `
      ALTER TABLE devices ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
      UPDATE devices SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 30 * 86400000;
      CREATE INDEX devices_by_expiry ON devices(expires_at);
      CREATE INDEX devices_by_user ON devices(user_id);
      CREATE TABLE failed_checks (
        key TEXT NOT NULL,
        day INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (key, day)
      );
    `,
  },
  {
    id: 3,
    name: 'erased_workspaces',
    // Tombstones of workspaces an owner erased from the relay: the id and when, nothing else (WorkspaceStore.ts).
    sql: `CREATE TABLE erased_workspaces (id TEXT PRIMARY KEY, erased_at INTEGER NOT NULL);`,
  },
];

export const DOC_MIGRATIONS: readonly RelayMigration[] = [
  {
    id: 1,
    name: 'doc_log',
    sql: `
      CREATE TABLE docs (
        id INTEGER PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        doc_name TEXT NOT NULL,
        UNIQUE (workspace_id, doc_name)
      );
      CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id INTEGER NOT NULL REFERENCES docs(id), data BLOB NOT NULL);
      CREATE INDEX updates_by_doc ON updates(doc_id, seq);
      CREATE TABLE snapshots (
        doc_id INTEGER PRIMARY KEY REFERENCES docs(id),
        data BLOB NOT NULL,
        upto_seq INTEGER NOT NULL
      );
    `,
  },
  {
    id: 2,
    name: 'writer_bytes',
    // Bytes each user's accepted updates added to a workspace: the per-writer byte budget (docs/relay-api.md "Limits").
    sql: `
      CREATE TABLE writer_bytes (
        workspace_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        PRIMARY KEY (workspace_id, user_id)
      );
    `,
  },
  {
    id: 3,
    name: 'update_parts',
    // A row holds every update of its doc that one group commit stored (updateRowFormat.ts); rows written before hold one.
    sql: `ALTER TABLE updates ADD COLUMN parts INTEGER NOT NULL DEFAULT 1;`,
  },
];
