/**
 * The local changes of a workspace that the relay has not acknowledged yet.
 *
 * Format: table `sync_pending(doc_id, seq)` of the workspace database (local
 * only, never synced): one row per update of the `updates` log written on
 * this device and not yet durable on the relay. `UpdateLog.appendPending`
 * adds a row in the same transaction as the update; acknowledgements delete
 * them. The count survives a restart, so "3 local changes not yet on the
 * relay" stays true after a crash. Rows may outlive their update after a
 * compaction: the seq still identifies the change.
 */
import type { SqliteDb } from './openSqlite';

/** What one relay acknowledgement covers. */
export interface PendingAck {
  docName: string;
  /** Exactly this update (a local change sent on its own). */
  seq?: number;
  /** Every update with a seq up to this one (a sync step 2, the diff of the whole doc). */
  upto?: number;
}

/** Counts and crosses off the local changes of one workspace database that wait for the relay. */
export class SyncPendingStore {
  private readonly countStmt;
  private readonly deleteSeqStmt;
  private readonly deleteUptoStmt;
  private readonly markUpdatesStmt;
  private readonly markSnapshotStmt;

  constructor(
    private readonly db: SqliteDb,
    /** Told what each acknowledgement covered, after its rows are gone. */
    private readonly onAcknowledged: ((acks: readonly PendingAck[]) => void) | null = null,
  ) {
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM sync_pending');
    this.deleteSeqStmt = db.prepare('DELETE FROM sync_pending WHERE doc_id = ? AND seq = ?');
    this.deleteUptoStmt = db.prepare('DELETE FROM sync_pending WHERE doc_id = ? AND seq <= ?');
    this.markUpdatesStmt = db.prepare('INSERT OR IGNORE INTO sync_pending (doc_id, seq) SELECT doc_id, seq FROM updates WHERE doc_id = ?');
    this.markSnapshotStmt = db.prepare(
      'INSERT OR IGNORE INTO sync_pending (doc_id, seq) SELECT doc_id, upto_seq FROM snapshots WHERE doc_id = ? AND upto_seq > 0',
    );
  }

  /** Number of local changes waiting for the relay, all docs together. */
  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  /**
   * Marks everything stored for `docName` as waiting: used when a workspace
   * is linked to a relay, whose first sync uploads its whole state.
   */
  markAll(docName: string): void {
    this.db.transaction(() => {
      this.markUpdatesStmt.run(docName);
      this.markSnapshotStmt.run(docName);
    })();
  }

  /** Removes what `acks` cover, in one transaction. Returns how many rows went. */
  acknowledge(acks: readonly PendingAck[]): number {
    if (acks.length === 0) return 0;
    const removed = this.db.transaction(() => {
      let n = 0;
      for (const ack of acks) {
        if (ack.upto !== undefined) n += this.deleteUptoStmt.run(ack.docName, ack.upto).changes;
        if (ack.seq !== undefined) n += this.deleteSeqStmt.run(ack.docName, ack.seq).changes;
      }
      return n;
    })();
    this.onAcknowledged?.(acks);
    return removed;
  }
}
