import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/fixtures/tempDir';
import { UnknownMigrationError } from '../common/AppError';
import { AppRegistry } from './AppRegistry';
import { openSqlite } from './openSqlite';
import { runMigrations, type Migration } from './runMigrations';
import { workspaceSchema } from '../core/modules/workspaceSchema';

const workspaceMigrations = workspaceSchema.migrations;

const v1: Migration[] = [{ id: 1, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)' }];
const v2: Migration[] = [...v1, { id: 2, name: 'tags', sql: 'CREATE TABLE tags (name TEXT PRIMARY KEY)' }];

describe('runMigrations', () => {
  it('builds the whole workspace schema from an empty file, in WAL mode', () => {
    const db = openSqlite(path.join(makeTempDir(), 'w.db'));
    expect(runMigrations(db, workspaceMigrations, 'workspace')).toEqual(workspaceMigrations.map((m) => m.id));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['__migrations__', 'updates', 'snapshots', 'projection_state', 'meta_settings']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(runMigrations(db, workspaceMigrations, 'workspace')).toEqual([]);
    db.close();
  });

  it('applies only the new migrations of a newer build and keeps the data', () => {
    const file = path.join(makeTempDir(), 'w.db');
    const db = openSqlite(file);
    runMigrations(db, v1, 'test');
    db.prepare("INSERT INTO notes (body) VALUES ('kept')").run();
    expect(runMigrations(db, v2, 'test')).toEqual([2]);
    expect(db.prepare('SELECT body FROM notes').pluck().get()).toBe('kept');
    db.close();
  });

  it('refuses a file written by a newer build and leaves it untouched', () => {
    const file = path.join(makeTempDir(), 'w.db');
    const db = openSqlite(file);
    runMigrations(db, v2, 'test');
    expect(() => runMigrations(db, v1, 'test')).toThrow(UnknownMigrationError);
    expect(() => runMigrations(db, v1, 'test')).toThrow(/newer version of Qwanyx.*2 tags/);
    expect(db.prepare('SELECT COUNT(*) FROM __migrations__').pluck().get()).toBe(2);
    db.close();
  });

  it('refuses a migration whose name differs from the one applied under its id', () => {
    const db = openSqlite(path.join(makeTempDir(), 'w.db'));
    runMigrations(db, v1, 'test');
    expect(() => runMigrations(db, [{ id: 1, name: 'other', sql: 'SELECT 1' }], 'test')).toThrow(UnknownMigrationError);
    db.close();
  });

  it('makes the app registry refuse to open an app.db from the future', () => {
    const dir = makeTempDir();
    AppRegistry.open(dir).close();
    const db = openSqlite(path.join(dir, 'app.db'));
    db.prepare("INSERT INTO __migrations__ (id, name, applied_at) VALUES (99, 'future', 0)").run();
    db.close();
    expect(() => AppRegistry.open(dir)).toThrow(/newer version of Qwanyx/);
  });
});
