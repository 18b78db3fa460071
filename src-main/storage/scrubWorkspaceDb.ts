/**
 * What an erasure does to a workspace's SQLite file once the erased content
 * is gone from the docs (docs/erasure.md): the doc logs are rewritten from
 * their garbage-collected state with `secure_delete` on (freed bytes are
 * zeroed), then the full-text indexes are merged (a deleted row's words
 * otherwise stay in older index segments), the file is VACUUMed (pages freed
 * earlier, without secure_delete, are dropped) and the WAL is checkpointed
 * and truncated: the erased bytes are in neither file.
 */
import type { SqliteDb } from './openSqlite';

/** Full-text indexes merged by `scrubWorkspaceDb` (those of the file's tables that exist). */
const FTS_TABLES = ['messages_fts', 'memories_fts'] as const;

/** Runs `fn` with `secure_delete` on for `db`'s connection: what it deletes is overwritten with zeros. */
export function withSecureDelete<T>(db: SqliteDb, fn: () => T): T {
  db.pragma('secure_delete = ON');
  try {
    return fn();
  } finally {
    db.pragma('secure_delete = OFF');
  }
}

/** Names of the docs the file's log holds (a snapshot or updates). */
export function storedDocNames(db: SqliteDb): string[] {
  return db.prepare('SELECT doc_id FROM snapshots UNION SELECT DISTINCT doc_id FROM updates ORDER BY 1').pluck().all() as string[];
}

/** Merges the full-text indexes, VACUUMs the file and truncates its WAL. */
export function scrubWorkspaceDb(db: SqliteDb): void {
  const existing = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  for (const table of FTS_TABLES) if (existing.has(table)) db.prepare(`INSERT INTO ${table}(${table}) VALUES ('optimize')`).run();
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
