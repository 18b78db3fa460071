/**
 * Recognising a damaged SQLite file: the driver's corruption errors, and the
 * cheap checks of the file itself made before opening it (a missing, empty,
 * foreign or truncated file, which SQLite would otherwise open as an empty
 * database or fail on much later).
 */
import fs from 'node:fs';
import type { SqliteDb } from '../openSqlite';

/** A database file that cannot be used as it is; `reason` says why, in words a person can act on. */
export class DbFileDamagedError extends Error {
  override name = 'DbFileDamagedError';
}

const CORRUPTION_CODES = /^SQLITE_(CORRUPT|NOTADB)/;
const CORRUPTION_MESSAGES = /database disk image is malformed|file is not a database|database corruption/i;

/** True when `err` says a database file is damaged (not a busy, full or closed database). */
export function isCorruptionError(err: unknown): boolean {
  if (err instanceof DbFileDamagedError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && CORRUPTION_CODES.test(code)) return true;
  return CORRUPTION_MESSAGES.test(err.message);
}

const MAGIC = 'SQLite format 3\u0000';

/**
 * Checks the file at `file` before it is opened: null when it looks like a
 * whole SQLite database, else the problem. A file in WAL mode whose log still
 * holds pages may be shorter than its header says, so the length is only
 * checked when no log is left beside it.
 */
export function inspectDbFile(file: string): string | null {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return 'the database file is missing';
  }
  if (size === 0) return 'the database file is empty (zero bytes)';
  if (size < 100) return `the database file is cut short (${size} bytes)`;
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== MAGIC) return 'the file is not a SQLite database (its header is overwritten)';
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  const headerValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (headerValid && pageCount > 0 && !hasLog(file) && size < pageCount * pageSize) {
    return `the database file is cut short (${size} of ${pageCount * pageSize} bytes)`;
  }
  return null;
}

function hasLog(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** Null when `db` has a workspace's log and migration record (a file this app made), else what it is instead. */
export function foreignFileProblem(db: SqliteDb): string | null {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  if (tables.includes('__migrations__') && tables.includes('updates')) return null;
  // A workspace in WAL mode whose log was never checkpointed has nothing in its main file: the log was lost.
  if (tables.length === 0) return 'the database file holds no tables (its -wal log, which held them, is missing or unreadable)';
  return 'the file is another SQLite database, not a Qwanyx workspace';
}

