/**
 * Schema of the relay's accounts in PostgreSQL (PgAccountStore.ts,
 * PgWorkspaceStore.ts, PgMemberIdStore.ts): the same tables as
 * `accounts.db` and `member-ids.db` (relayMigrations.ts, SqliteMemberIdStore.ts)
 * with a `relay_` prefix. Applied as migration 2 of pgDocSchema.ts, under
 * its advisory lock. Times are ms since the epoch (BIGINT), as in SQLite;
 * device and invitation tokens are stored as their SHA-256 and one-time
 * codes as an HMAC (auth/secretHashes.ts), never in clear.
 */
export const PG_ACCOUNT_MIGRATION = `
  CREATE TABLE relay_users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL);
  CREATE TABLE relay_devices (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES relay_users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX relay_devices_by_user ON relay_devices (user_id);
  CREATE INDEX relay_devices_by_expiry ON relay_devices (expires_at);
  CREATE TABLE relay_login_codes (
    email TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE relay_failed_checks (
    key TEXT NOT NULL,
    day INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key, day)
  );
  CREATE TABLE relay_workspaces (id TEXT PRIMARY KEY, created_by TEXT NOT NULL, created_at BIGINT NOT NULL);
  CREATE TABLE relay_members (
    workspace_id TEXT NOT NULL REFERENCES relay_workspaces (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES relay_users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
  );
  CREATE INDEX relay_members_by_user ON relay_members (user_id);
  CREATE TABLE relay_invitations (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES relay_workspaces (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member', 'guest')),
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    accepted_by TEXT,
    revoked_at BIGINT
  );
  CREATE INDEX relay_invitations_by_workspace ON relay_invitations (workspace_id, created_at);
  CREATE TABLE relay_member_ids (
    workspace_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    bound_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, member_id)
  );
`;

/**
 * Migration 3: tombstones of workspaces an owner erased from the relay, the id and when only
 * (WorkspaceStore.ts `erasedAt`), as `erased_workspaces` in `accounts.db`.
 */
export const PG_ERASED_WORKSPACES_MIGRATION = `
  CREATE TABLE relay_erased_workspaces (id TEXT PRIMARY KEY, erased_at BIGINT NOT NULL);
`;
