/**
 * Opens a SQLite file the way every Qwanyx database is opened: WAL journal,
 * `synchronous=FULL` so a committed write survives a crash or power loss
 * before the call that made it returns, foreign keys on, and a busy timeout
 * so the CLI and the app can share a file.
 */
import Database from 'better-sqlite3';

/** The better-sqlite3 handle type, re-exported so no other layer imports the driver. */
export type SqliteDb = Database.Database;

export interface OpenSqliteOptions {
  /** Path of a better_sqlite3.node built for another runtime (Electron); default: the package's own. */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens (creating if needed) the database at `path` with the house pragmas. */
export function openSqlite(path: string, options: OpenSqliteOptions = {}): SqliteDb {
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
