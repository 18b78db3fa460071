/**
 * Takes a snapshot of an open database with SQLite's online backup API, in
 * steps that yield to the event loop between them (writes go on meanwhile),
 * then checks the copy before it counts, on a worker thread: the copy is
 * switched out of WAL mode so it is one self-contained file, `PRAGMA
 * quick_check` must answer "ok", and only then is it renamed from
 * `<id>.db.partial` to `<id>.db`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SqliteDb } from '../openSqlite';
import { DbFileDamagedError } from './dbFileDamage';
import { quickCheckOffThread } from './quickCheckOffThread';
import { snapshotIdAt, type SnapshotFile } from './snapshotFiles';

export interface WriteSnapshotOptions {
  /** Pages copied per step (default 64: 256 KB at the default page size, about a millisecond). */
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
  const pagesPerStep = options.pagesPerStep ?? 64;
  try {
    await source.backup(partial, { progress: () => pagesPerStep });
    const problem = await quickCheckOffThread(partial, { seal: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    if (problem !== null) throw new DbFileDamagedError(`its copy fails the check (${problem})`);
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
