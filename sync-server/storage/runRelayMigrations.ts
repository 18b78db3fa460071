/**
 * Numbered, additive schema migrations of the relay's databases, recorded in
 * `__migrations__`. A database holding a migration this build does not know
 * was written by a newer relay: it is refused rather than risk damaging it.
 */
import { RelayError } from '../RelayError';
import type { RelaySqliteDb } from './openRelaySqlite';

/** One schema step. Ids start at 1 and grow by one; a shipped migration never changes. */
export interface RelayMigration {
  id: number;
  name: string;
  sql: string;
}

/** Applies the missing migrations in order, each in its own transaction. */
export function runRelayMigrations(db: RelaySqliteDb, migrations: readonly RelayMigration[], label: string): void {
  migrations.forEach((m, index) => {
    if (m.id !== index + 1) throw new Error(`Relay migration list is not numbered 1..n at ${m.name}`);
  });
  db.exec('CREATE TABLE IF NOT EXISTS __migrations__ (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = db.prepare('SELECT id, name FROM __migrations__ ORDER BY id').all() as { id: number; name: string }[];
  const known = new Map(migrations.map((m) => [m.id, m.name]));
  const unknown = applied.filter((row) => known.get(row.id) !== row.name);
  if (unknown.length > 0) {
    throw new RelayError('STORAGE', `The relay ${label} database was written by a newer relay (unknown migrations: ${unknown.map((u) => `${u.id} ${u.name}`).join(', ')}).`);
  }
  const done = new Set(applied.map((row) => row.id));
  const insert = db.prepare('INSERT INTO __migrations__ (id, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      insert.run(migration.id, migration.name, Date.now());
    }).immediate();
  }
}
