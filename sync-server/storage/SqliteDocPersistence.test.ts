import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeTempDir } from '../../tests/fixtures/tempDir';
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
    } finally {
      await store.close();
    }
  });
});
