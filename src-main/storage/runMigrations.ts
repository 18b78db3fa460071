/**
 * Numbered, additive schema migrations.
 *
 * Each database records the migrations it has applied in `__migrations__`.
 * Opening a database that holds a migration this build does not know means a
 * newer build wrote it: we refuse to open it rather than risk damaging it.
 */
import { UnknownMigrationError } from '../common/AppError';
import type { SqliteDb } from './openSqlite';

/** One schema step. Ids start at 1 and grow by one; a shipped migration never changes. */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/**
 * Applies the missing migrations in order, each in its own transaction.
 * Throws `UnknownMigrationError` when the file has migrations beyond `migrations`.
 */
export function runMigrations(db: SqliteDb, migrations: readonly Migration[], label: string): number[] {
  checkMigrationList(migrations);
  db.exec(
    'CREATE TABLE IF NOT EXISTS __migrations__ (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = db.prepare('SELECT id, name FROM __migrations__ ORDER BY id').all() as { id: number; name: string }[];
  const known = new Map(migrations.map((m) => [m.id, m]));
  const unknown = applied.filter((row) => known.get(row.id)?.name !== row.name);
  if (unknown.length > 0) {
    const list = unknown.map((u) => `${u.id} ${u.name}`).join(', ');
    throw new UnknownMigrationError(
      `The ${label} database was written by a newer version of Qwanyx (unknown migrations: ${list}). Update Qwanyx to open it.`,
    );
  }
  const done = new Set(applied.map((row) => row.id));
  const insert = db.prepare('INSERT INTO __migrations__ (id, name, applied_at) VALUES (?, ?, ?)');
  const ran: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      insert.run(migration.id, migration.name, Date.now());
    }).immediate();
    ran.push(migration.id);
  }
  return ran;
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, index) => {
    if (m.id !== index + 1) throw new Error(`Migration list is not numbered 1..n at ${m.name}`);
  });
}
