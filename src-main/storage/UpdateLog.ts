/**
 * The durable Yjs log of one workspace database.
 *
 * Format: table `updates(seq, doc_id, data)` holds Yjs v1 updates in the order
 * they were committed (`seq` is AUTOINCREMENT, so it only grows, even across
 * processes sharing the file); table `snapshots(doc_id, data, state_vector,
 * upto_seq)` holds one merged v1 update per doc that covers every update with
 * `seq <= upto_seq`. A doc's state is the snapshot plus the updates after it.
 *
 * `append` commits before it returns (WAL + synchronous=FULL), so a write the
 * caller acknowledged survives a crash. `appendPending` also records the
 * update in `sync_pending(doc_id, seq)` in the same transaction: a local
 * change of a workspace linked to a relay, not yet acknowledged by it.
 * `replaceWithSnapshot` swaps the snapshot and deletes only the updates it
 * covers, in one transaction.
 */
import type { SqliteDb } from './openSqlite';

/** One row of the log. */
export interface LoggedUpdate {
  seq: number;
  data: Uint8Array;
}

/** What is stored for one doc. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Highest seq reflected in `snapshot` + `updates` (0 when empty). */
  clock: number;
}

export class UpdateLog {
  private readonly insertStmt;
  private readonly insertPendingStmt;
  private readonly sinceStmt;
  private readonly dataSinceStmt;
  private readonly snapshotStmt;
  private readonly snapshotSeqStmt;
  private readonly lastSeqStmt;
  private readonly countStmt;
  private readonly upsertSnapshotStmt;
  private readonly deleteUptoStmt;
  private readonly runInTransaction;

  constructor(private readonly db: SqliteDb) {
    // One wrapper for every transaction: building one per call costs more than a small write.
    this.runInTransaction = db.transaction((fn: () => unknown) => fn());
    this.insertStmt = db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)');
    this.insertPendingStmt = db.prepare('INSERT OR IGNORE INTO sync_pending (doc_id, seq) VALUES (?, ?)');
    this.sinceStmt = db.prepare('SELECT seq, data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq');
    // Loading reads only the blobs: one plain array of Buffers is much cheaper than row objects.
    this.dataSinceStmt = db.prepare('SELECT data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq').pluck();
    this.snapshotStmt = db.prepare('SELECT data, upto_seq AS uptoSeq FROM snapshots WHERE doc_id = ?');
    // The seq alone: a snapshot can weigh megabytes, and clocks are read far more often than snapshots.
    this.snapshotSeqStmt = db.prepare('SELECT upto_seq FROM snapshots INDEXED BY snapshots_seq WHERE doc_id = ?').pluck();
    this.lastSeqStmt = db.prepare('SELECT MAX(seq) AS seq FROM updates WHERE doc_id = ?');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM updates WHERE doc_id = ?');
    this.upsertSnapshotStmt = db.prepare(
      `INSERT INTO snapshots (doc_id, data, state_vector, upto_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, state_vector = excluded.state_vector, upto_seq = excluded.upto_seq`,
    );
    this.deleteUptoStmt = db.prepare('DELETE FROM updates WHERE doc_id = ? AND seq <= ?');
  }

  /** Appends one update and returns its seq once it is committed to disk. */
  append(docId: string, update: Uint8Array): number {
    const info = this.insertStmt.run(docId, update);
    return Number(info.lastInsertRowid);
  }

  /** Like `append`, and marks the update as waiting for the relay's acknowledgement, in one transaction. */
  appendPending(docId: string, update: Uint8Array): number {
    return this.db.transaction(() => {
      const seq = Number(this.insertStmt.run(docId, update).lastInsertRowid);
      this.insertPendingStmt.run(docId, seq);
      return seq;
    })();
  }

  /** Reads the snapshot and every later update of `docId`. */
  load(docId: string): StoredDoc {
    return this.db.transaction(() => {
      const snap = this.snapshotStmt.get(docId) as { data: Buffer; uptoSeq: number } | undefined;
      const updates = this.dataSinceStmt.all(docId, snap?.uptoSeq ?? 0) as Buffer[];
      const last = updates.length > 0 ? (this.lastSeqStmt.get(docId) as { seq: number }).seq : (snap?.uptoSeq ?? 0);
      return { snapshot: snap ? new Uint8Array(snap.data) : null, updates, clock: last };
    })();
  }

  /** Updates of `docId` with seq greater than `afterSeq`, oldest first. */
  readSince(docId: string, afterSeq: number): LoggedUpdate[] {
    const rows = this.sinceStmt.all(docId, afterSeq) as { seq: number; data: Buffer }[];
    return rows.map((r) => ({ seq: r.seq, data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) }));
  }

  /** The snapshot of `docId` when it covers updates beyond `afterSeq` (another connection compacted). */
  snapshotAfter(docId: string, afterSeq: number): { data: Uint8Array; uptoSeq: number } | null {
    const uptoSeq = this.snapshotSeqStmt.get(docId) as number | undefined;
    if (uptoSeq === undefined || uptoSeq <= afterSeq) return null;
    const snap = this.snapshotStmt.get(docId) as { data: Buffer; uptoSeq: number } | undefined;
    return snap ? { data: new Uint8Array(snap.data), uptoSeq: snap.uptoSeq } : null;
  }

  /** Highest seq of `docId`, counting the snapshot (0 for an empty doc). */
  clock(docId: string): number {
    const row = this.lastSeqStmt.get(docId) as { seq: number | null };
    if (row.seq !== null) return row.seq;
    return (this.snapshotSeqStmt.get(docId) as number | undefined) ?? 0;
  }

  /** Number of updates not yet merged into the snapshot. */
  pendingCount(docId: string): number {
    return (this.countStmt.get(docId) as { n: number }).n;
  }

  /**
   * Replaces the snapshot with `snapshot` (which must cover every update with
   * seq ≤ `uptoSeq`) and deletes exactly those updates. Call inside
   * `writeTransaction` together with the read that produced the snapshot.
   */
  replaceWithSnapshot(docId: string, snapshot: Uint8Array, stateVector: Uint8Array, uptoSeq: number): void {
    this.upsertSnapshotStmt.run(docId, snapshot, stateVector, uptoSeq);
    this.deleteUptoStmt.run(docId, uptoSeq);
  }

  /**
   * Runs `fn` in a BEGIN IMMEDIATE transaction: no other connection can write
   * to this file until it ends, so nothing can slip in between a read and the
   * write that depends on it.
   */
  writeTransaction<T>(fn: () => T): T {
    return this.runInTransaction.immediate(fn) as T;
  }

  /** Runs `fn` in a deferred transaction: its reads see one consistent state without taking the write lock. */
  readTransaction<T>(fn: () => T): T {
    return this.runInTransaction.deferred(fn) as T;
  }
}
