import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clusterServices } from '../../tests/fixtures/clusterServices';
import { PgDocPersistence } from './PgDocPersistence';

const services = await clusterServices();

function load(updates: Uint8Array[], snapshot: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

describe.skipIf(typeof services === 'string')(`PgDocPersistence${typeof services === 'string' ? ` (skipped: ${services})` : ''}`, () => {
  const url = typeof services === 'string' ? '' : services.databaseUrl;

  it('stores updates, keeps one copy per entry id, counts writers, and compacts exactly what it merged', async () => {
    const key = { workspaceId: `pg-${randomUUID().slice(0, 8)}`, docName: 'room/a' };
    const [a, b] = await Promise.all([PgDocPersistence.open(url), PgDocPersistence.open(url)]);
    try {
      const source = new Y.Doc();
      const updates: Uint8Array[] = [];
      source.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 40; i++) source.getArray<number>('a').push([i]);
      await a.appendUpdates(updates.slice(0, 20).map((update, i) => ({ key, update, writerId: 'u1', entryId: `n1-${i}` })));
      // A second node stores the same forwarded updates again: one copy each.
      await b.appendUpdates(updates.slice(0, 20).map((update, i) => ({ key, update, entryId: `n1-${i}` })));
      await b.appendUpdates(updates.slice(20).map((update) => ({ key, update, writerId: 'u2' })));
      expect(await a.pendingCount(key)).toBe(40);
      const usage = await b.loadUsage(key.workspaceId);
      expect(usage.docNames).toEqual(['room/a']);
      expect(usage.writerBytes.get('u1')).toBe(updates.slice(0, 20).reduce((n, u) => n + u.length, 0));

      const compacted = await a.compact(key);
      expect(compacted.merged).toBe(40);
      updates.length = 0;
      source.getArray<number>('a').push([40]);
      await b.appendUpdates([{ key, update: updates[0]! }]);
      const stored = await b.loadDoc(key);
      expect(stored.updates).toHaveLength(1);
      expect(stored.bytes).toBe(stored.snapshot!.length + stored.updates[0]!.length);
      expect(load(stored.updates, stored.snapshot).getArray('a').toArray()).toEqual(Array.from({ length: 41 }, (_, i) => i));
      expect(await a.loadDoc({ ...key, docName: 'never' })).toEqual({ snapshot: null, updates: [], bytes: 0 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('loses no update appended on another node while a compaction runs', async () => {
    const key = { workspaceId: `pg-${randomUUID().slice(0, 8)}`, docName: 'room/b' };
    const [a, b] = await Promise.all([PgDocPersistence.open(url), PgDocPersistence.open(url)]);
    try {
      const source = new Y.Doc();
      const updates: Uint8Array[] = [];
      source.on('update', (u: Uint8Array) => updates.push(u));
      const text = source.getText('t');
      for (let i = 0; i < 3000; i++) text.insert(text.length, `${i} `);
      await a.appendUpdates(updates.splice(0).map((update) => ({ key, update })));
      const compaction = a.compact(key);
      for (let i = 0; i < 50; i++) {
        text.insert(0, 'x');
        await b.appendUpdates(updates.splice(0).map((update) => ({ key, update })));
      }
      await compaction;
      const stored = await b.loadDoc(key);
      expect(load(stored.updates, stored.snapshot).getText('t').toString()).toBe(text.toString());
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('commits two nodes storing each other\'s forwarded updates at once, in crossing order, without a deadlock', async () => {
    const ws = `pg-${randomUUID().slice(0, 8)}`;
    const keys = [{ workspaceId: ws, docName: 'room/x' }, { workspaceId: ws, docName: 'room/y' }];
    const [a, b] = await Promise.all([PgDocPersistence.open(url), PgDocPersistence.open(url)]);
    try {
      const update = (i: number): Uint8Array => {
        const doc = new Y.Doc();
        doc.getArray<number>('a').push([i]);
        return Y.encodeStateAsUpdate(doc);
      };
      // Each node holds its own writes and the other's forwarded ones (same entry ids), in opposite orders,
      // across two docs and one writer row: the lock waits that used to cross.
      for (let round = 0; round < 40; round++) {
        const entries = Array.from({ length: 40 }, (_, i) => ({ key: keys[i % 2]!, update: update(i), writerId: 'ada', entryId: `r${round}-${i}` }));
        await Promise.all([a.appendUpdates(entries), b.appendUpdates([...entries].reverse())]);
      }
      expect(await a.pendingCount(keys[0]!)).toBe(40 * 20);
      expect(await b.pendingCount(keys[1]!)).toBe(40 * 20);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
