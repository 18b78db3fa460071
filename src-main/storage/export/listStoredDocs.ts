/** The names of every doc a workspace database holds (a snapshot, updates or both), sorted. */
import type { SqliteDb } from '../openSqlite';

export function listStoredDocs(db: SqliteDb): string[] {
  return (db.prepare('SELECT doc_id FROM snapshots UNION SELECT DISTINCT doc_id FROM updates ORDER BY 1').pluck().all() as string[]).slice();
}
