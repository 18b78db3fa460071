/**
 * Erasure on the PostgreSQL log (real server): `rewrite` replaces a doc's
 * snapshot and every row by one garbage-collected snapshot, so the deleted
 * text is in no stored row, while rows another node stored and this node
 * has not applied are folded in, not lost; `scrub` vacuums the tables.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clusterServices } from '../../tests/fixtures/clusterServices';
import { PgDocPersistence } from './PgDocPersistence';

const services = await clusterServices();

describe.skipIf(typeof services === 'string')(`PgDocPersistence.rewrite${typeof services === 'string' ? ` (skipped: ${services})` : ''}`, () => {
  const url = typeof services === 'string' ? '' : services.databaseUrl;

  it('keeps no row holding erased content and folds in what another node stored', async () => {
    const key = { workspaceId: `pg-${randomUUID().slice(0, 8)}`, docName: 'room/a' };
    const store = await PgDocPersistence.open(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const mine = new Y.Doc();
      const updates: Uint8Array[] = [];
      mine.on('update', (u: Uint8Array) => updates.push(u));
      mine.getMap('messages').set('m1', { authorId: 'bob', text: 'erase me: GARNET-LYNX-40' });
      mine.getMap('messages').set('m2', { authorId: 'ada', text: 'keep me' });
      await store.appendUpdates(updates.map((update) => ({ key, update })));
      // Another node stored a message this node has not applied yet.
      const other = new Y.Doc();
      other.getMap('messages').set('m3', { authorId: 'carol', text: 'from another node' });
      await store.appendUpdates([{ key, update: Y.encodeStateAsUpdate(other) }]);

      mine.getMap('messages').delete('m1');
      await store.rewrite(key, Y.encodeStateAsUpdate(mine));
      await store.scrub();

      const stored = await store.loadDoc(key);
      expect(stored.updates).toEqual([]);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.snapshot!);
      expect([...doc.getMap('messages').keys()].sort()).toEqual(['m2', 'm3']);
      const rows = await client.query<{ data: Buffer }>(
        'SELECT data FROM relay_snapshots s JOIN relay_docs d ON d.id = s.doc_id WHERE d.workspace_id = $1 UNION ALL SELECT data FROM relay_updates u JOIN relay_docs d ON d.id = u.doc_id WHERE d.workspace_id = $1',
        [key.workspaceId],
      );
      expect(rows.rows.length).toBe(1);
      expect(rows.rows.some((r) => r.data.includes(Buffer.from('GARNET-LYNX')))).toBe(false);
    } finally {
      await client.end();
      await store.close();
    }
  });
});
