/**
 * Loads the sqlite-vec extension (KNN tables `vec0` and vector functions)
 * into a database connection, so memory recall can search vectors.
 *
 * Vectors are an optional accelerator of recall: where the extension cannot
 * load (a platform without a build, a packaged app missing the file), the
 * workspace opens as usual and recall uses full-text search only. The
 * extension is a shared library, loaded with SQLite's own loader, so it
 * works with whichever better-sqlite3 binding opened the file (the Node
 * build, or Electron's through `nativeBinding`). In a packaged app the
 * library cannot be loaded from inside the app archive: it is read from the
 * unpacked copy beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as sqliteVec from 'sqlite-vec';
import type { SqliteDb } from '../openSqlite';

const loaded = new WeakSet<SqliteDb>();

/** Where the extension's library is, outside any app archive; null when this platform has none. */
export function vectorExtensionPath(): string | null {
  let file: string;
  try {
    file = sqliteVec.getLoadablePath();
  } catch {
    return null;
  }
  const unpacked = file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
  if (unpacked !== file && fs.existsSync(unpacked)) return unpacked;
  return file;
}

/**
 * Loads the extension into `db`. Returns whether vectors are available on
 * this connection; a failure is reported to `onError` and never thrown.
 */
export function loadVectorExtension(db: SqliteDb, onError?: (err: unknown) => void): boolean {
  if (loaded.has(db)) return true;
  const file = vectorExtensionPath();
  if (file === null) return false;
  try {
    db.loadExtension(file);
    loaded.add(db);
    return true;
  } catch (err) {
    onError?.(err);
    return false;
  }
}

/** True when the extension is loaded into `db`. */
export function hasVectorExtension(db: SqliteDb): boolean {
  return loaded.has(db);
}
