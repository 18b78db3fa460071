/**
 * A statement prepared once per database and SQL text, for queries run on
 * every tool call or message: better-sqlite3's `prepare` parses and plans the
 * SQL each time (tens of microseconds, several times per call of a digital
 * human's tool: the profile in docs/connectors-performance.md), while a
 * prepared statement only binds and steps. Statements die with their
 * database (the cache is keyed weakly by it). `pluck` statements are cached
 * apart, as better-sqlite3 keeps that mode on the statement.
 */
import type Database from 'better-sqlite3';
import type { SqliteDb } from './openSqlite';

type Statement = Database.Statement<unknown[]>;

const byDb = new WeakMap<SqliteDb, Map<string, Statement>>();

/** The statement of `sql` on `db`, prepared on first use; with `pluck`, it returns each row's first column. */
export function preparedStatement(db: SqliteDb, sql: string, pluck = false): Statement {
  let cache = byDb.get(db);
  if (!cache) byDb.set(db, (cache = new Map()));
  const key = pluck ? `pluck:${sql}` : sql;
  let stmt = cache.get(key);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (pluck) stmt.pluck();
    cache.set(key, stmt);
  }
  return stmt;
}
