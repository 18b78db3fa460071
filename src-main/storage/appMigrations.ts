/**
 * Schema of `app.db`: the workspace registry, the local profile, app settings,
 * and (2) the relay accounts signed in on this device and which workspace is
 * linked to which relay. Device tokens are not here: they live in the keychain.
 * (3) gives the profile a stable random user id, the author id of this
 * person's messages (see docs/rooms.md).
 */
import type { Migration } from './runMigrations';

export const appMigrations: readonly Migration[] = [
  {
    id: 1,
    name: 'registry',
    sql: `
      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('team', 'solo')),
        color TEXT NOT NULL,
        icon TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        last_opened_at INTEGER,
        position INTEGER NOT NULL
      );
      CREATE TABLE profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        display_name TEXT NOT NULL,
        email TEXT NOT NULL
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    id: 2,
    name: 'relay-links',
    sql: `
      CREATE TABLE relay_accounts (
        url TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        user_id TEXT NOT NULL,
        signed_in_at INTEGER NOT NULL
      );
      CREATE TABLE workspace_links (
        workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
        relay_url TEXT NOT NULL,
        account_email TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
        linked_at INTEGER NOT NULL
      );
    `,
  },
  {
    id: 3,
    name: 'profile-user-id',
    sql: `ALTER TABLE profile ADD COLUMN user_id TEXT;`,
  },
];
