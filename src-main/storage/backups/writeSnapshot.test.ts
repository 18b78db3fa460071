import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import { openSqlite } from '../openSqlite';
import { checkDbFile } from './checkDbFile';
import { DbFileDamagedError, inspectDbFile, isCorruptionError } from './dbFileDamage';
import { writeSnapshot } from './writeSnapshot';

function makeDb(file: string, rows: number): ReturnType<typeof openSqlite> {
  const db = openSqlite(file);
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`note ${i} ${'x'.repeat(400)}`);
  })();
  return db;
}

describe('writeSnapshot', () => {
  it('copies in steps while writes go on, and the copy is one verified file holding them', async () => {
    const dir = makeTempDir();
    const db = makeDb(path.join(dir, 'workspace.db'), 5000);
    const backups = path.join(dir, 'backups');
    let writes = 0;
    const writer = setInterval(() => {
      db.prepare('INSERT INTO notes (body) VALUES (?)').run(`during ${writes++}`);
    }, 1);
    const snapshot = await writeSnapshot(db, backups, Date.UTC(2026, 0, 1), { pagesPerStep: 16 });
    clearInterval(writer);
    expect(writes).toBeGreaterThan(0);
    expect(fs.readdirSync(backups)).toEqual([`${snapshot.id}.db`]);
    expect(await checkDbFile(snapshot.file)).toEqual([]);
    const copy = openSqlite(snapshot.file, { readonly: true });
    const count = (copy.prepare('SELECT COUNT(*) AS n FROM notes').get() as { n: number }).n;
    copy.close();
    // Writes made through the same connection during the copy are in it.
    expect(count).toBeGreaterThanOrEqual(5000);
    db.close();
  });

  it('refuses a copy that fails its check and leaves nothing of it', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'workspace.db');
    makeDb(file, 3000).close();
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 20, 0x5a), 0, 4096 * 20, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);
    const db = openSqlite(file);
    const backups = path.join(dir, 'backups');
    const error = await writeSnapshot(db, backups, Date.UTC(2026, 0, 1)).catch((err: unknown) => err);
    db.close();
    expect(isCorruptionError(error)).toBe(true);
    expect(fs.readdirSync(backups)).toEqual([]);
    expect((await checkDbFile(file))[0]).toMatch(/integrity check found|cannot be read/);
  });

  it('tells an empty, missing, foreign or cut file before SQLite opens it', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'workspace.db');
    expect(inspectDbFile(file)).toBe('the database file is missing');
    makeDb(file, 2000).close();
    expect(inspectDbFile(file)).toBeNull();
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 8192));
    expect(inspectDbFile(file)).toMatch(/^the database file is cut short/);
    fs.writeFileSync(file, Buffer.concat([Buffer.from('not a database at all, really'.padEnd(100, '.')), bytes.subarray(100)]));
    expect(inspectDbFile(file)).toMatch(/not a SQLite database/);
    fs.writeFileSync(file, '');
    expect(inspectDbFile(file)).toBe('the database file is empty (zero bytes)');
    expect(isCorruptionError(new DbFileDamagedError('x'))).toBe(true);
    expect(isCorruptionError(new Error('SQLITE_BUSY: database is locked'))).toBe(false);
  });
});
