import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeTempDir } from '../../tests/fixtures/tempDir';
import { openRelaySqlite } from './openRelaySqlite';
import { DOC_MIGRATIONS } from './relayMigrations';
import { runRelayMigrations } from './runRelayMigrations';
import { SqliteDocPersistence } from './SqliteDocPersistence';

const KEY = { workspaceId: 'persist-ws-01', docName: 'room/a' };

function load(updates: Uint8Array[], snapshot: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

describe('SqliteDocPersistence', () => {
  it('stores updates per doc, compacts exactly what it merged, and keeps later appends', async () => {
    const file = path.join(makeTempDir(), 'docs.db');
    const store = new SqliteDocPersistence(file);
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 50; i++) source.getArray<number>('a').push([i]);
    await store.appendUpdates(updates.map((update) => ({ key: KEY, update })));
    await store.appendUpdates([{ key: { ...KEY, docName: 'other' }, update: updates[0]! }]);
    expect(await store.pendingCount(KEY)).toBe(50);

    const result = await store.compact(KEY);
    expect(result.merged).toBe(50);
    expect(await store.pendingCount(KEY)).toBe(0);
    expect(await store.pendingCount({ ...KEY, docName: 'other' })).toBe(1);
    updates.length = 0;
    source.getArray<number>('a').push([50]);
    await store.appendUpdates([{ key: KEY, update: updates[0]! }]);
    await store.close();

    const reopened = new SqliteDocPersistence(file);
    const stored = await reopened.loadDoc(KEY);
    expect(stored.updates).toHaveLength(1);
    expect(stored.bytes).toBe(stored.snapshot!.length + stored.updates[0]!.length);
    expect(load(stored.updates, stored.snapshot).getArray('a').toArray()).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(await reopened.loadDoc({ ...KEY, docName: 'never' })).toEqual({ snapshot: null, updates: [], bytes: 0 });
    await reopened.close();
  });
  it('counts the bytes of each writer of a group commit, across docs and workspaces, and none for updates without a writer', async () => {
    const store = new SqliteDocPersistence(path.join(makeTempDir(), 'docs.db'));
    try {
      const other = { workspaceId: 'persist-ws-02', docName: 'room/a' };
      await store.appendUpdates([
        { key: KEY, update: Uint8Array.of(1, 2), writerId: 'ada' },
        { key: { ...KEY, docName: 'room/b' }, update: Uint8Array.of(1, 2, 3), writerId: 'ada' },
        { key: KEY, update: Uint8Array.of(9), writerId: 'bob' },
        { key: other, update: Uint8Array.of(5, 5, 5, 5), writerId: 'ada' },
        { key: KEY, update: Uint8Array.of(7, 7, 7, 7, 7) },
      ]);
      await store.appendUpdates([{ key: KEY, update: Uint8Array.of(1), writerId: 'ada' }]);
      const usage = await store.loadUsage(KEY.workspaceId);
      expect(Object.fromEntries(usage.writerBytes)).toEqual({ ada: 6, bob: 1 });
      expect(Object.fromEntries((await store.loadUsage(other.workspaceId)).writerBytes)).toEqual({ ada: 4 });
      expect(await store.pendingCount(KEY)).toBe(4);
      // Each update's bytes, in order, under its own doc (the group crossed to the writer packed: packAppends.ts).
      expect((await store.loadDoc(KEY)).updates.map((u) => [...u])).toEqual([[1, 2], [9], [7, 7, 7, 7, 7], [1]]);
      expect((await store.loadDoc({ ...KEY, docName: 'room/b' })).updates.map((u) => [...u])).toEqual([[1, 2, 3]]);
      expect((await store.loadDoc(other)).updates.map((u) => [...u])).toEqual([[5, 5, 5, 5]]);
    } finally {
      await store.close();
    }
  });

  it('reads a log written before one row held a whole group, and goes on with one row per doc per commit', async () => {
    const file = path.join(makeTempDir(), 'docs.db');
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 30; i++) source.getText('t').insert(i, String.fromCharCode(97 + (i % 26)));
    // A file of the format before migration 3: one update per row.
    const old = openRelaySqlite(file);
    runRelayMigrations(old, DOC_MIGRATIONS.slice(0, 2), 'docs');
    old.prepare('INSERT INTO docs (id, workspace_id, doc_name) VALUES (1, ?, ?)').run(KEY.workspaceId, KEY.docName);
    for (const update of updates.slice(0, 10)) old.prepare('INSERT INTO updates (doc_id, data) VALUES (1, ?)').run(Buffer.from(update));
    old.close();

    const store = new SqliteDocPersistence(file);
    try {
      await store.appendUpdates(updates.slice(10, 25).map((update) => ({ key: KEY, update })));
      await store.appendUpdates(updates.slice(25, 26).map((update) => ({ key: KEY, update })));
      const raw = openRelaySqlite(file);
      expect(raw.prepare('SELECT parts FROM updates ORDER BY seq').pluck().all()).toEqual([...Array<number>(10).fill(1), 15, 1]);
      raw.close();
      expect(await store.pendingCount(KEY)).toBe(26);
      const stored = await store.loadDoc(KEY);
      expect(stored.updates.map((u) => [...u])).toEqual(updates.slice(0, 26).map((u) => [...u]));
      expect(stored.bytes).toBe(updates.slice(0, 26).reduce((sum, u) => sum + u.length, 0));
      // Compaction reads the same rows on its worker, merges all 26, and later groups stay.
      expect((await store.compact(KEY)).merged).toBe(26);
      await store.appendUpdates(updates.slice(26).map((update) => ({ key: KEY, update })));
      const after = await store.loadDoc(KEY);
      expect(after.updates).toHaveLength(4);
      expect(load(after.updates, after.snapshot).getText('t').toString()).toBe(source.getText('t').toString());
    } finally {
      await store.close();
    }
  });

  it('refuses to load a doc whose row is damaged instead of serving part of it', async () => {
    const file = path.join(makeTempDir(), 'docs.db');
    const store = new SqliteDocPersistence(file);
    try {
      await store.appendUpdates([{ key: KEY, update: Uint8Array.of(1, 2, 3) }, { key: KEY, update: Uint8Array.of(4, 5) }]);
      const raw = openRelaySqlite(file);
      raw.prepare('UPDATE updates SET parts = 3').run();
      raw.close();
      await expect(store.loadDoc(KEY)).rejects.toThrow(/damaged/);
    } finally {
      await store.close();
    }
  });
});
