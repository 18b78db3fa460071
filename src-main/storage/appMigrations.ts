/** Schema of `app.db`: the workspace registry, the local profile and app settings. */
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
];
