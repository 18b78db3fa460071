/**
 * A full check of one database file, for `qwanyx workspace check` and the
 * recovery choices: the cheap look at the file, then opening it and
 * `PRAGMA quick_check` on a worker thread, on a connection of its own that
 * only reads.
 */
import { openSqlite, type SqliteDb } from '../openSqlite';
import { DbFileDamagedError, foreignFileProblem, inspectDbFile } from './dbFileDamage';
import { quickCheckOffThread } from './quickCheckOffThread';

/** The problems found in the database at `file` (empty when it is sound). */
export async function checkDbFile(file: string, nativeBinding?: string): Promise<string[]> {
  const problem = inspectDbFile(file) ?? (await quickCheckOffThread(file, nativeBinding ? { nativeBinding } : {}));
  return problem === null ? [] : [problem];
}

/** `checkDbFile`, and a sound file must also be a workspace's (not a foreign file, nor one whose log was lost). */
export async function checkWorkspaceFile(file: string, nativeBinding?: string): Promise<string[]> {
  const problems = await checkDbFile(file, nativeBinding);
  if (problems.length > 0) return problems;
  const problem = workspaceFileProblem(file, nativeBinding);
  return problem === null ? [] : [problem];
}

/** A sound SQLite file may still not be a workspace (a foreign file, or a lost log): what it is instead, or null. */
function workspaceFileProblem(file: string, nativeBinding?: string): string | null {
  const db = openSqlite(file, nativeBinding ? { nativeBinding } : {});
  try {
    return foreignFileProblem(db);
  } finally {
    db.close();
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
