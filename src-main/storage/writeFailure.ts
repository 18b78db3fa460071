/**
 * Recognising a write the disk refused: full (SQLite's `SQLITE_FULL`, also
 * what `max_page_count` gives, or the OS's `ENOSPC`) or read-only
 * (`SQLITE_READONLY*`, `EROFS`, `EACCES` on write). Such a write is rolled
 * back whole (DocManager drops the doc from memory, so nothing unsaved is
 * shown or sent), and the next write works once space or write access is back.
 */

/** Why a write could not be stored, or null when `err` is not a refused write. */
export function writeFailureOf(err: unknown): 'full' | 'read-only' | null {
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  const text = `${typeof code === 'string' ? code : ''} ${err.message}`;
  if (/SQLITE_FULL|ENOSPC|database or disk is full/i.test(text)) return 'full';
  if (/SQLITE_READONLY|EROFS|readonly database|read-only file system/i.test(text)) return 'read-only';
  return null;
}
