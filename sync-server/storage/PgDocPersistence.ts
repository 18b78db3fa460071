/**
 * PostgreSQL implementation of `DocPersistence`, shared by every relay node
 * (`RELAY_DATABASE_URL`).
 *
 * Format (pgDocSchema.ts): `relay_docs(id, workspace_id, doc_name)` numbers
 * each doc; `relay_updates(seq, doc_id, entry_id, data)` holds Yjs v1 updates;
 * `relay_snapshots(doc_id, data)` one merged v1 update per doc;
 * `relay_doc_writer_bytes(doc_id, user_id, bytes)` the bytes each user
 * wrote to a doc, added in the same transaction as the updates (per doc, not
 * per workspace as `relay_writer_bytes` kept them before migration 4: one
 * row per user and workspace was locked by every commit of that user on
 * every node, until it was flushed, so two nodes' commits ran one after the
 * other; a doc's rows are only written under that doc's lock anyway). A
 * user's bytes in a workspace are the sum of both tables.
 *
 * A doc is its snapshot plus every row of `relay_updates` it still has. With
 * several writers, `seq` (a sequence) is not commit order, so no row is ever
 * read "after a seq": compaction deletes exactly the rows it merged, and rows
 * committed meanwhile stay whatever their seq. Applying a row twice changes
 * nothing (Yjs), which is also why `entry_id` may repeat a row: an update
 * forwarded between nodes is stored by every node that applied it, under
 * the id its first node gave it, and the unique `(doc_id, entry_id)` keeps
 * one copy (see RelayDoc and RedisFanout).
 *
 * `appendUpdates` is one statement, so one transaction and one round trip
 * (one commit, synchronous_commit as the server has it: on by default), for
 * the whole group (appendStatement.ts). Nodes append the same doc at once,
 * so it takes its docs' advisory locks (key: the doc id) in ascending order
 * before inserting anything: lock waits never form a cycle. A deadlock or
 * serialization failure that still happens is retried; only another error
 * fails the doc.
 * `compact` locks the doc's row FOR NO KEY UPDATE (one compaction per doc
 * across nodes, while appends, which only take a key-share lock through the
 * foreign key, go on), merges on a worker thread and replaces snapshot and
 * merged rows in the same transaction.
 *
 * Erasure (docs/erasure.md): `rewrite` locks the doc's row FOR UPDATE,
 * folds the given state, the snapshot and every row into one garbage-
 * collected snapshot and deletes every row, in one transaction; `scrub`
 * VACUUMs the two log tables.
 */
import type pg from 'pg';
import * as Y from 'yjs';
import type { CompactResult, DocAppend, DocKey, DocPersistence, StoredRelayDoc, WorkspaceUsageRecord } from '../persistence/DocPersistence';
import { appendStatement } from './appendStatement';
import { mergeUpdatesOffThread } from './mergeUpdatesOffThread';
import { openPgPool } from './openPgPool';

/** Doc ids cached in memory; the cache is dropped when it grows past this. */
const ID_CACHE_MAX = 50_000;
/** An append that meets a deadlock or serialization failure (SQLSTATE 40P01, 40001) is tried again this many times in all. */
const APPEND_ATTEMPTS = 3;

function isTransientConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

export class PgDocPersistence implements DocPersistence {
  private readonly ids = new Map<string, string>();

  private constructor(private readonly pool: pg.Pool) {}

  /**
   * Connects to `url` and applies the schema; throws with the server's reason when it cannot.
   * `applicationName` names the node's connections in `pg_stat_activity`.
   */
  static async open(url: string, poolSize = 8, applicationName = 'qwanyx-relay'): Promise<PgDocPersistence> {
    return new PgDocPersistence(await openPgPool(url, poolSize, applicationName));
  }

  async loadDoc(key: DocKey): Promise<StoredRelayDoc> {
    const client = await this.pool.connect();
    try {
      // One snapshot of the database for both reads: a compaction committing between them would otherwise drop rows from view.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const id = await this.findId(client, key);
      if (id === null) {
        await client.query('COMMIT');
        return { snapshot: null, updates: [], bytes: 0 };
      }
      const snap = await client.query<{ data: Buffer }>('SELECT data FROM relay_snapshots WHERE doc_id = $1', [id]);
      const rows = await client.query<{ data: Buffer }>('SELECT data FROM relay_updates WHERE doc_id = $1 ORDER BY seq', [id]);
      await client.query('COMMIT');
      const snapshot = snap.rows[0]?.data ?? null;
      let bytes = snapshot?.length ?? 0;
      const updates = rows.rows.map((row) => {
        bytes += row.data.length;
        return new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
      });
      return { snapshot: snapshot ? new Uint8Array(snapshot) : null, updates, bytes };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async appendUpdates(appends: readonly DocAppend[]): Promise<void> {
    if (appends.length === 0) return;
    // Doc rows first, each in its own short statement: an empty doc row is harmless, and creating it inside
    // the append transaction would hold its lock until the commit.
    const docIds: string[] = [];
    for (const { key } of appends) {
      // Known ids without a promise each: a group holds hundreds of updates of a few docs.
      docIds.push(this.ids.get(`${key.workspaceId}\u0000${key.docName}`) ?? (await this.ensureId(this.pool, key)));
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.appendOnce(appends, docIds);
        return;
      } catch (err) {
        if (attempt >= APPEND_ATTEMPTS || !isTransientConflict(err)) throw err;
      }
    }
  }

  /**
   * One append: a single statement (so one round trip, and its own transaction: appendStatement.ts
   * says how it orders its locks so that two nodes appending the same docs never wait in a cycle).
   */
  private async appendOnce(appends: readonly DocAppend[], docIds: readonly string[]): Promise<void> {
    await this.pool.query(appendStatement(appends, docIds));
  }

  async loadUsage(workspaceId: string): Promise<WorkspaceUsageRecord> {
    const [docs, writers] = await Promise.all([
      this.pool.query<{ doc_name: string }>('SELECT doc_name FROM relay_docs WHERE workspace_id = $1', [workspaceId]),
      // Per doc since migration 4; the workspace-wide rows written before it still count.
      this.pool.query<{ user_id: string; bytes: string }>(
        `SELECT user_id, SUM(bytes) AS bytes FROM (
           SELECT user_id, bytes FROM relay_writer_bytes WHERE workspace_id = $1
           UNION ALL
           SELECT w.user_id, w.bytes FROM relay_doc_writer_bytes w JOIN relay_docs d ON d.id = w.doc_id WHERE d.workspace_id = $1
         ) AS all_bytes GROUP BY user_id`,
        [workspaceId],
      ),
    ]);
    return { docNames: docs.rows.map((r) => r.doc_name), writerBytes: new Map(writers.rows.map((r) => [r.user_id, Number(r.bytes)])) };
  }

  async pendingCount(key: DocKey): Promise<number> {
    const id = await this.findId(this.pool, key);
    if (id === null) return 0;
    const result = await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM relay_updates WHERE doc_id = $1', [id]);
    return Number(result.rows[0]?.n ?? 0);
  }

  async compact(key: DocKey): Promise<CompactResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const locked = await client.query<{ id: string }>('SELECT id FROM relay_docs WHERE workspace_id = $1 AND doc_name = $2 FOR NO KEY UPDATE', [key.workspaceId, key.docName]);
      const id = locked.rows[0]?.id;
      if (id === undefined) {
        await client.query('COMMIT');
        return { merged: 0, bytes: 0 };
      }
      const snap = await client.query<{ data: Buffer }>('SELECT data FROM relay_snapshots WHERE doc_id = $1', [id]);
      const rows = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM relay_updates WHERE doc_id = $1 ORDER BY seq', [id]);
      const snapshot = snap.rows[0]?.data ?? null;
      if (rows.rows.length === 0) {
        await client.query('COMMIT');
        return { merged: 0, bytes: snapshot?.length ?? 0 };
      }
      const merged = await mergeUpdatesOffThread(snapshot, rows.rows.map((r) => r.data));
      await client.query(
        `INSERT INTO relay_snapshots (doc_id, data) VALUES ($1, $2)
         ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data`,
        [id, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength)],
      );
      await client.query('DELETE FROM relay_updates WHERE seq = ANY($1::bigint[])', [rows.rows.map((r) => r.seq)]);
      await client.query('COMMIT');
      return { merged: rows.rows.length, bytes: merged.length };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async rewrite(key: DocKey, state: Uint8Array): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // FOR UPDATE also waits for, then holds off, appends (they take a key-share lock through the foreign key).
      const locked = await client.query<{ id: string }>('SELECT id FROM relay_docs WHERE workspace_id = $1 AND doc_name = $2 FOR UPDATE', [key.workspaceId, key.docName]);
      const id = locked.rows[0]?.id ?? null;
      if (id === null) {
        await client.query('COMMIT');
        return 0;
      }
      const snap = await client.query<{ data: Buffer }>('SELECT data FROM relay_snapshots WHERE doc_id = $1', [id]);
      const rows = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM relay_updates WHERE doc_id = $1 ORDER BY seq', [id]);
      // Rows other nodes stored may hold what this node has not applied yet: fold everything, with garbage collection.
      const merged = foldCollected([state, ...(snap.rows[0] ? [snap.rows[0].data] : []), ...rows.rows.map((r) => r.data)]);
      await client.query(
        `INSERT INTO relay_snapshots (doc_id, data) VALUES ($1, $2)
         ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data`,
        [id, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength)],
      );
      await client.query('DELETE FROM relay_updates WHERE doc_id = $1', [id]);
      await client.query('COMMIT');
      return merged.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Plain VACUUM of the log tables: deleted rows are reclaimed (no lock that stops appends). Their
   * bytes may stay in free space until reused, and in WAL segments until recycled: docs/erasure.md.
   */
  async scrub(): Promise<void> {
    await this.pool.query('VACUUM relay_updates, relay_snapshots');
  }

  async deleteWorkspace(workspaceId: string): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // The doc rows locked first: an append of another node waits, then finds its doc gone.
      const docs = await client.query<{ id: string }>('SELECT id FROM relay_docs WHERE workspace_id = $1 ORDER BY id FOR UPDATE', [workspaceId]);
      const ids = docs.rows.map((r) => r.id);
      await client.query('DELETE FROM relay_updates WHERE doc_id = ANY($1::bigint[])', [ids]);
      await client.query('DELETE FROM relay_snapshots WHERE doc_id = ANY($1::bigint[])', [ids]);
      await client.query('DELETE FROM relay_doc_writer_bytes WHERE doc_id = ANY($1::bigint[])', [ids]);
      await client.query('DELETE FROM relay_docs WHERE id = ANY($1::bigint[])', [ids]);
      await client.query('DELETE FROM relay_writer_bytes WHERE workspace_id = $1', [workspaceId]);
      await client.query('COMMIT');
      for (const key of [...this.ids.keys()]) if (key.startsWith(`${workspaceId}\u0000`)) this.ids.delete(key);
      return ids.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Whether the database answers (readiness). */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async findId(client: pg.Pool | pg.PoolClient, key: DocKey): Promise<string | null> {
    const cacheKey = `${key.workspaceId}\u0000${key.docName}`;
    const cached = this.ids.get(cacheKey);
    if (cached !== undefined) return cached;
    const found = await client.query<{ id: string }>('SELECT id FROM relay_docs WHERE workspace_id = $1 AND doc_name = $2', [key.workspaceId, key.docName]);
    const id = found.rows[0]?.id ?? null;
    if (id !== null) this.remember(cacheKey, id);
    return id;
  }

  private async ensureId(client: pg.Pool | pg.PoolClient, key: DocKey): Promise<string> {
    const existing = await this.findId(client, key);
    if (existing !== null) return existing;
    // Another node may create it at the same moment: the upsert returns the one row either way.
    const created = await client.query<{ id: string }>(
      `INSERT INTO relay_docs (workspace_id, doc_name) VALUES ($1, $2)
       ON CONFLICT (workspace_id, doc_name) DO UPDATE SET doc_name = excluded.doc_name RETURNING id`,
      [key.workspaceId, key.docName],
    );
    const id = created.rows[0]!.id;
    this.remember(`${key.workspaceId}\u0000${key.docName}`, id);
    return id;
  }

  private remember(cacheKey: string, id: string): void {
    if (this.ids.size >= ID_CACHE_MAX) this.ids.clear();
    this.ids.set(cacheKey, id);
  }
}

/** One garbage-collected state holding every update of `updates` (deleted content dropped). */
function foldCollected(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
