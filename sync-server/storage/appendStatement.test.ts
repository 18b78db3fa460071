import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { clusterServices } from '../../tests/fixtures/clusterServices';
import { appendStatement } from './appendStatement';
import { PgDocPersistence } from './PgDocPersistence';

const services = await clusterServices();

/** Whether `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true), late]);
  clearTimeout(timer);
  return settled;
}

describe.skipIf(typeof services === 'string')(`appendStatement${typeof services === 'string' ? ` (skipped: ${services})` : ''}`, () => {
  const url = typeof services === 'string' ? '' : services.databaseUrl;

  async function withStore(fn: (store: PgDocPersistence, other: pg.Client, ws: string) => Promise<void>): Promise<void> {
    const store = await PgDocPersistence.open(url, 2);
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await fn(store, other, `as-${randomUUID().slice(0, 8)}`);
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
      await store.close();
    }
  }

  async function docId(client: pg.Client, workspaceId: string, docName: string): Promise<string> {
    const found = await client.query<{ id: string }>('SELECT id FROM relay_docs WHERE workspace_id = $1 AND doc_name = $2', [workspaceId, docName]);
    return found.rows[0]!.id;
  }

  it('waits for the lock of its doc before writing anything', async () => {
    await withStore(async (store, other, ws) => {
      const key = { workspaceId: ws, docName: 'room/a' };
      await store.appendUpdates([{ key, update: Uint8Array.of(1), writerId: 'ada' }]);
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1::bigint)', [await docId(other, ws, 'room/a')]);
      const append = store.appendUpdates([{ key, update: Uint8Array.of(2, 3), writerId: 'ada' }]);
      expect(await settlesWithin(append, 400)).toBe(false);
      await other.query('COMMIT');
      await append;
      expect(await store.pendingCount(key)).toBe(2);
    });
  });

  it("does not wait for another node's uncommitted write of the same writer to another doc", async () => {
    await withStore(async (store, other, ws) => {
      const x = { workspaceId: ws, docName: 'room/x' };
      const y = { workspaceId: ws, docName: 'room/y' };
      await store.appendUpdates([{ key: x, update: Uint8Array.of(1), writerId: 'ada' }, { key: y, update: Uint8Array.of(1), writerId: 'ada' }]);
      // Another node's commit of Ada's write to x, held open before its flush: its writer row stays locked.
      await other.query('BEGIN');
      const held = appendStatement([{ key: x, update: Uint8Array.of(4, 5), writerId: 'ada' }], [await docId(other, ws, 'room/x')]);
      await other.query(held.text, held.values);
      expect(await settlesWithin(store.appendUpdates([{ key: y, update: Uint8Array.of(6, 7, 8), writerId: 'ada' }]), 2000)).toBe(true);
      await other.query('COMMIT');
      expect((await store.loadUsage(ws)).writerBytes.get('ada')).toBe(1 + 1 + 2 + 3);
    });
  });

  it('counts the bytes of a writer per doc, plus what the workspace-wide rows of older relays hold, and no bytes for forwarded updates', async () => {
    await withStore(async (store, other, ws) => {
      await other.query('INSERT INTO relay_writer_bytes (workspace_id, user_id, bytes) VALUES ($1, $2, 100)', [ws, 'ada']);
      const a = { workspaceId: ws, docName: 'room/a' };
      const b = { workspaceId: ws, docName: 'room/b' };
      await store.appendUpdates([
        { key: a, update: Uint8Array.of(1, 2), writerId: 'ada' },
        { key: b, update: Uint8Array.of(1, 2, 3), writerId: 'ada' },
        { key: a, update: Uint8Array.of(1), writerId: 'ada' },
        { key: a, update: Uint8Array.of(9, 9, 9, 9), writerId: 'bob' },
        { key: b, update: Uint8Array.of(7, 7, 7, 7, 7), entryId: 'n2-1' },
      ]);
      const usage = await store.loadUsage(ws);
      expect(usage.writerBytes.get('ada')).toBe(106);
      expect(usage.writerBytes.get('bob')).toBe(4);
      expect(usage.writerBytes.size).toBe(2);
      expect(await store.deleteWorkspace(ws)).toBe(2);
      expect((await store.loadUsage(ws)).writerBytes.size).toBe(0);
    });
  });
});
