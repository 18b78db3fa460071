/**
 * Takes a snapshot of an open database with SQLite's online backup API, in
 * steps that yield to the event loop between them (writes go on meanwhile),
 * then checks the copy before it counts: the copy is switched out of WAL mode
 * so it is one self-contained file, `PRAGMA quick_check` must answer "ok",
 * and only then is it renamed from `<id>.db.partial` to `<id>.db`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openSqlite, type SqliteDb } from '../openSqlite';
import { DbFileDamagedError } from './dbFileDamage';
import { snapshotIdAt, type SnapshotFile } from './snapshotFiles';

export interface WriteSnapshotOptions {
  /** Pages copied per step (default 256: 1 MB at the default page size). */
  pagesPerStep?: number;
  nativeBinding?: string;
}

/**
 * Copies `source` into `dir` as the snapshot taken at `time`. Throws a
 * DbFileDamagedError when the copy fails its check (the source is damaged);
 * nothing of a failed snapshot stays on disk.
 */
export async function writeSnapshot(source: SqliteDb, dir: string, time: number, options: WriteSnapshotOptions = {}): Promise<SnapshotFile> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = snapshotIdAt(time);
  const file = path.join(dir, `${id}.db`);
  const partial = `${file}.partial`;
  removeQuietly(partial);
  const pagesPerStep = options.pagesPerStep ?? 256;
  try {
    await source.backup(partial, { progress: () => pagesPerStep });
    const problem = verifySnapshot(partial, options.nativeBinding);
    if (problem !== null) throw new DbFileDamagedError(`its copy fails the integrity check (${problem})`);
    syncFile(partial);
    fs.renameSync(partial, file);
    syncFile(dir);
  } catch (err) {
    removeQuietly(partial);
    for (const suffix of ['-wal', '-shm', '-journal']) removeQuietly(`${partial}${suffix}`);
    throw err;
  }
  return { id, takenAt: time, bytes: fs.statSync(file).size, file };
}

/**
 * Turns the copy at `file` into a self-contained file (rollback journal) and
 * runs `PRAGMA quick_check`: null when it is sound, else its first findings.
 */
export function verifySnapshot(file: string, nativeBinding?: string): string | null {
  let db: SqliteDb | null = null;
  try {
    db = openSqlite(file, nativeBinding ? { nativeBinding } : {});
    db.pragma('journal_mode = DELETE');
    return quickCheck(db);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    if (db?.open) db.close();
  }
}

/** `PRAGMA quick_check` of an open database: null when it answers "ok", else its first findings. */
export function quickCheck(db: SqliteDb): string | null {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const findings = rows.map((r) => r.quick_check);
  return findings.length === 1 && findings[0] === 'ok' ? null : findings.join('; ');
}

function syncFile(file: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Folders cannot be synced on every platform; the data was synced with the file.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}
