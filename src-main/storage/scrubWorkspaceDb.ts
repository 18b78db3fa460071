/**
 * The doc names of a workspace's SQLite file, as an erasure walks them
 * (docs/erasure.md). What an erasure then does to the file (doc logs
 * rewritten from their garbage-collected state with `secure_delete` on,
 * full-text indexes merged, VACUUM, WAL truncated) runs on a worker thread:
 * storage/scrubOffThread.ts.
 */
import type { SqliteDb } from './openSqlite';

/** Names of the docs the file's log holds (a snapshot or updates). */
export function storedDocNames(db: SqliteDb): string[] {
  return db.prepare('SELECT doc_id FROM snapshots UNION SELECT DISTINCT doc_id FROM updates ORDER BY 1').pluck().all() as string[];
}
