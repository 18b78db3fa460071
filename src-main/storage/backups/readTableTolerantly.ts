/**
 * Reading the rows of one table of a damaged SQLite file, in rowid order,
 * skipping what cannot be read: a cursor walks the table until a read fails
 * (a broken page of the table's b-tree, or of a row's overflow chain); from
 * the last row read, lookups of "the first row after X" with X growing by
 * doubling steps find where reading works again, and a binary search narrows
 * it down to the first such X, so the rows just past the broken page are not
 * skipped. Every read is a plain SELECT: nothing is written to the file.
 */
import type { SqliteDb } from '../openSqlite';

/** Rows of one table read from a damaged file. */
export interface TolerantRead<T> {
  rows: T[];
  /** Reads that failed (broken pages skipped); 0 when the whole table was read. */
  failures: number;
}

/** Past this gap without a readable row, the rest of the table is taken as lost. */
const MAX_GAP = 2 ** 40;

/**
 * Reads `SELECT rowid, <columns> FROM <table>` row by row, skipping broken
 * pages. `map` turns a raw row into a value, or null to drop it (a row whose
 * columns are not what the table holds). `table` and `columns` are names
 * from the caller's code, never input.
 */
export function readTableTolerantly<T>(db: SqliteDb, table: string, columns: string, map: (row: Record<string, unknown>) => T | null): TolerantRead<T> {
  const after = db.prepare(`SELECT rowid AS _rowid, ${columns} FROM ${table} WHERE rowid > ? ORDER BY rowid`);
  // The probe reads the columns too: a row whose own overflow pages are broken counts as broken.
  const firstAfter = db.prepare(`SELECT rowid, ${columns} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 1`);
  const rows: T[] = [];
  let failures = 0;
  let from = -(2 ** 53);
  for (;;) {
    let last = from;
    try {
      for (const raw of after.iterate(from) as Iterable<Record<string, unknown>>) {
        last = Number(raw._rowid);
        const value = map(raw);
        if (value !== null) rows.push(value);
      }
      return { rows, failures };
    } catch {
      failures += 1;
    }
    // The row after `last` (or the page holding it) cannot be read: find where reading works again.
    const next = nextReadableStart(last, (x) => probe(firstAfter, x));
    if (next === null) return { rows, failures };
    from = next;
  }
}

type Probe = 'row' | 'end' | 'broken';

function probe(stmt: { get(x: number): unknown }, x: number): Probe {
  try {
    return stmt.get(x) === undefined ? 'end' : 'row';
  } catch {
    return 'broken';
  }
}

/**
 * The smallest X > `last` from which "rows after X" can be read and one
 * exists, or null when none does (the table ends in broken pages).
 */
function nextReadableStart(last: number, test: (x: number) => Probe): number | null {
  let step = 1;
  let low = last;
  let high: number | null = null;
  while (step <= MAX_GAP) {
    const outcome = test(last + step);
    if (outcome === 'end') return null;
    if (outcome === 'row') {
      high = last + step;
      break;
    }
    low = last + step;
    step *= 2;
  }
  if (high === null) return null;
  // `low` fails, `high` works: narrow down to the first start that works.
  let works: number = high;
  while (works - low > 1) {
    const mid: number = low + Math.floor((works - low) / 2);
    if (test(mid) === 'broken') low = mid;
    else works = mid;
  }
  return works;
}
