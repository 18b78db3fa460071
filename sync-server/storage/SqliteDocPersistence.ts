/**
 * Embedded SQLite implementation of `DocPersistence` (file `docs.db`).
 *
 * Format: `docs(id, workspace_id, doc_name)` numbers each doc;
 * `updates(seq, doc_id, data, parts)` holds Yjs v1 updates in commit order
 * (`seq` AUTOINCREMENT only grows), one row per doc per group commit
 * holding `parts` updates (updateRowFormat.ts); `snapshots(doc_id, data, upto_seq)` holds one
 * merged v1 update per doc covering every update with `seq <= upto_seq`.
 * A doc is its snapshot plus its updates after `upto_seq`.
 * `writer_bytes(workspace_id, user_id, bytes)` adds up, in the same
 * transaction as the updates, the bytes each user wrote to a workspace.
 *
 * `appendUpdates` commits one transaction (WAL + synchronous=FULL) before it
 * resolves, on the writer thread of SqliteLogWriter.ts (the fsync never
 * blocks the thread serving sockets); loads read on this connection.
 * `compact` reads the snapshot and the updates after it and merges them on
 * the merge worker (mergeUpdatesOffThread.ts, a read connection of its own),
 * then the writer thread replaces the snapshot and deletes exactly the
 * updates merged, in one transaction (updates appended meanwhile have
 * higher seqs and stay). Nothing of a compaction runs on the caller's thread.
 *
 * Erasure (docs/erasure.md): `rewrite` replaces a doc's snapshot with the
 * given state and deletes all its updates in one transaction; `scrub` then
 * VACUUMs the file (rebuilt from live rows only: the pages freed by the
 * rewrites, and by earlier compactions, are gone) and checkpoints the WAL
 * with TRUNCATE, so the erased bytes are in none of the files. (No
 * secure_delete: zeroing the pages the VACUUM drops anyway doubled the writes.)
 */
import type { CompactResult, DocAppend, DocKey, DocPersistence, StoredRelayDoc, WorkspaceUsageRecord } from '../persistence/DocPersistence';
import { openRelaySqlite, type RelaySqliteDb } from './openRelaySqlite';
import { closeSqliteLogOffThread, mergeSqliteLogOffThread } from './mergeUpdatesOffThread';
import { SqliteLogWriter } from './SqliteLogWriter';
import { splitUpdateRow } from './updateRowFormat';
import { DOC_MIGRATIONS } from './relayMigrations';
import { runRelayMigrations } from './runRelayMigrations';

/** Doc ids cached in memory; the cache is dropped when it grows past this. */
const ID_CACHE_MAX = 50_000;

interface Row {
  seq: number;
  data: Buffer;
}

interface UpdateRow extends Row {
  parts: number;
}

export class SqliteDocPersistence implements DocPersistence {
  private readonly db: RelaySqliteDb;
  private readonly ids = new Map<string, number>();
  private readonly stmts;
  private readonly writer: SqliteLogWriter;

  constructor(private readonly path: string) {
    this.db = openRelaySqlite(path);
    try {
      runRelayMigrations(this.db, DOC_MIGRATIONS, 'docs');
    } catch (err) {
      this.db.close();
      throw err;
    }
    const db = this.db;
    this.writer = new SqliteLogWriter(path);
    this.stmts = {
      findDoc: db.prepare('SELECT id FROM docs WHERE workspace_id = ? AND doc_name = ?').pluck(),
      snapshot: db.prepare('SELECT data, upto_seq AS seq FROM snapshots WHERE doc_id = ?'),
      updatesAfter: db.prepare('SELECT seq, data, parts FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq'),
      count: db.prepare('SELECT COALESCE(SUM(parts), 0) FROM updates WHERE doc_id = ?').pluck(),
      docNames: db.prepare('SELECT doc_name FROM docs WHERE workspace_id = ?').pluck(),
      writerBytes: db.prepare('SELECT user_id AS userId, bytes FROM writer_bytes WHERE workspace_id = ?'),
    };
  }

  loadDoc(key: DocKey): Promise<StoredRelayDoc> {
    return settle(() => this.loadSync(key));
  }

  appendUpdates(appends: readonly DocAppend[]): Promise<void> {
    if (appends.length === 0) return Promise.resolve();
    return this.writer.append(appends);
  }

  loadUsage(workspaceId: string): Promise<WorkspaceUsageRecord> {
    return settle(() => {
      const rows = this.stmts.writerBytes.all(workspaceId) as { userId: string; bytes: number }[];
      return { docNames: this.stmts.docNames.all(workspaceId) as string[], writerBytes: new Map(rows.map((r) => [r.userId, r.bytes])) };
    });
  }

  pendingCount(key: DocKey): Promise<number> {
    return settle(() => {
      const id = this.docId(key);
      return id === null ? 0 : (this.stmts.count.get(id) as number);
    });
  }

  compact(key: DocKey): Promise<CompactResult> {
    return this.compactOffThread(key);
  }

  async rewrite(key: DocKey, state: Uint8Array): Promise<number> {
    // One node: every stored update of the doc went through the in-memory doc whose state this is.
    await this.writer.rewrite(key, state);
    return state.length;
  }

  scrub(): Promise<void> {
    return this.writer.scrub();
  }

  async deleteWorkspace(workspaceId: string): Promise<number> {
    const docs = await this.writer.dropWorkspace(workspaceId);
    this.ids.clear();
    return docs;
  }

  async close(): Promise<void> {
    await closeSqliteLogOffThread(this.path);
    await this.writer.close();
    if (this.db.open) this.db.close();
  }

  private async compactOffThread(key: DocKey): Promise<CompactResult> {
    const id = this.docId(key);
    if (id === null) return { merged: 0, bytes: 0 };
    const merge = await mergeSqliteLogOffThread(this.path, id);
    if (!merge) return { merged: 0, bytes: 0 };
    // False when another compaction of the same doc got there first: its snapshot stays, this one merges again next time.
    const replaced = await this.writer.replaceSnapshot(id, merge.merged, merge.uptoSeq, merge.expectedSeq);
    return replaced ? { merged: merge.count, bytes: merge.merged.length } : { merged: 0, bytes: 0 };
  }

  private loadSync(key: DocKey): StoredRelayDoc {
    return this.db
      .transaction((): StoredRelayDoc => {
        const id = this.docId(key);
        if (id === null) return { snapshot: null, updates: [], bytes: 0 };
        const snap = this.stmts.snapshot.get(id) as Row | undefined;
        const rows = this.stmts.updatesAfter.all(id, snap?.seq ?? 0) as UpdateRow[];
        let bytes = snap?.data.length ?? 0;
        const updates: Uint8Array[] = [];
        for (const row of rows) {
          for (const update of splitUpdateRow(new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength), row.parts)) {
            bytes += update.length;
            updates.push(update);
          }
        }
        return { snapshot: snap ? new Uint8Array(snap.data) : null, updates, bytes };
      })
      .deferred();
  }

  /** The id of `key`'s doc, or null when it was never written (the writer thread creates doc rows). */
  private docId(key: DocKey): number | null {
    const cacheKey = `${key.workspaceId}\u0000${key.docName}`;
    const cached = this.ids.get(cacheKey);
    if (cached !== undefined) return cached;
    const id = this.stmts.findDoc.get(key.workspaceId, key.docName) as number | undefined;
    if (id === undefined) return null;
    if (this.ids.size >= ID_CACHE_MAX) this.ids.clear();
    this.ids.set(cacheKey, id);
    return id;
  }
}

/** Runs synchronous SQLite work behind the async interface: a throw becomes a rejected promise. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
