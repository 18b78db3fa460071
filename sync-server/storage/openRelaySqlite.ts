/**
 * Opens a relay SQLite file the house way (as src-main/storage does for the
 * app, but the relay shares no code with it): WAL journal, `synchronous=FULL`
 * so a committed write survives a crash or power loss before the call that
 * made it returns, and a busy timeout so the `token` admin command can write
 * while the relay runs.
 */
import Database from 'better-sqlite3';

/** The better-sqlite3 handle type, re-exported so no other relay layer imports the driver. */
export type RelaySqliteDb = Database.Database;

/** Opens (creating if needed) the database at `path`. */
export function openRelaySqlite(path: string): RelaySqliteDb {
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
