/**
 * A full check of one database file, for `qwanyx workspace check` and the
 * recovery choices: the cheap look at the file, then opening it and
 * `PRAGMA quick_check`. The file is opened on its own connection and only read.
 */
import { openSqlite, type SqliteDb } from '../openSqlite';
import { DbFileDamagedError, inspectDbFile } from './dbFileDamage';
import { quickCheck } from './writeSnapshot';

/** The problems found in the database at `file` (empty when it is sound). */
export function checkDbFile(file: string, nativeBinding?: string): string[] {
  const problem = inspectDbFile(file);
  if (problem !== null) return [problem];
  let db: SqliteDb | null = null;
  try {
    db = openSqlite(file, nativeBinding ? { nativeBinding } : {});
    const findings = quickCheck(db);
    return findings === null ? [] : [`the integrity check found: ${findings}`];
  } catch (err) {
    return [`it cannot be read: ${err instanceof Error ? err.message : String(err)}`];
  } finally {
    if (db?.open) db.close();
  }
}

/**
 * Opens workspace file `file` for a snapshot, without migrating it (the
 * caller closes it); a missing, empty or cut file throws a DbFileDamagedError.
 */
export function openSnapshotSource(file: string, nativeBinding?: string): SqliteDb {
  const problem = inspectDbFile(file);
  if (problem !== null) throw new DbFileDamagedError(problem);
  return openSqlite(file, nativeBinding ? { nativeBinding } : {});
}
