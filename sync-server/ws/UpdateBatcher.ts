/**
 * Group commit of updates: the updates accepted during one turn of the event
 * loop, or while the previous commit was under way, are appended to the
 * durable log in one transaction (one fsync, or one PostgreSQL commit), then
 * acknowledged to their writers in order. The docs forwarded them to their
 * peers already, when they were applied; nothing is acknowledged before the
 * transaction holding it has committed.
 */
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import type { DocAppend, DocPersistence } from '../persistence/DocPersistence';
import type { RelayConnection } from './RelayConnection';

/** What the batcher needs from a doc. */
export interface BatchedDoc {
  readonly key: { workspaceId: string; docName: string };
  /** False once the doc failed: its pending writes are dropped. */
  readonly writable: boolean;
  /** Numbers the doc's writes; the batcher reports them durable in order. */
  writeSeq: number;
  /** Called for each write once durable, in order. */
  onDurable(write: PendingWrite): void;
  /** Called once per batch after its writes were reported. */
  afterFlush(): void;
  /** The batch holding writes of this doc failed to commit. */
  onWriteFailed(err: unknown): void;
}

/**
 * One accepted update message; `update` is null when it changed nothing (still acknowledged).
 * `conn` is null for an update another relay node took (stored here too, acknowledged by no one here).
 */
export interface PendingWrite {
  doc: BatchedDoc;
  conn: RelayConnection | null;
  update: Uint8Array | null;
  seq: number;
  entryId: string | undefined;
}

export class UpdateBatcher {
  private entries: PendingWrite[] = [];
  private running = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly persistence: DocPersistence,
    private readonly metrics: RelayMetrics,
    private readonly logger: Logger,
  ) {}

  /** Queues an accepted update of `conn` on `doc`; it is committed at the end of this event-loop turn. */
  add(doc: BatchedDoc, conn: RelayConnection | null, update: Uint8Array | null, entryId?: string): void {
    doc.writeSeq += 1;
    this.entries.push({ doc, conn, update, seq: doc.writeSeq, entryId });
    if (!this.running && this.entries.length === 1) setImmediate(() => void this.run());
  }

  /** Drops the writes not yet handed to the log (a simulated crash: they are never acknowledged). */
  abandon(): void {
    this.entries = [];
  }

  /** Resolves once every write queued so far has been committed (or has failed). */
  flushed(): Promise<void> {
    if (!this.running && this.entries.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.entries.length > 0) {
        const batch = this.entries;
        this.entries = [];
        try {
          await this.commit(batch);
        } catch (err) {
          // A bug after the commit (broadcast, ack): logged, and the next batch still runs.
          this.logger('error', 'store.batch_failed', { err });
        }
      }
    } finally {
      this.running = false;
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  private async commit(batch: PendingWrite[]): Promise<void> {
    const appends: DocAppend[] = [];
    const docs = new Set<BatchedDoc>();
    for (const write of batch) {
      if (!write.doc.writable) continue;
      docs.add(write.doc);
      if (write.update) appends.push({ key: write.doc.key, update: write.update, writerId: write.conn?.userId, entryId: write.entryId });
    }
    try {
      await this.persistence.appendUpdates(appends);
    } catch (err) {
      this.logger('error', 'store.append_failed', { updates: appends.length, err });
      for (const doc of docs) doc.onWriteFailed(err);
      return;
    }
    this.metrics.updatesStored += appends.length;
    this.metrics.logCommits += 1;
    const conns = new Set<RelayConnection>();
    for (const write of batch) {
      if (!write.doc.writable) continue;
      write.doc.onDurable(write);
      if (!write.conn) continue;
      write.conn.durable += 1;
      conns.add(write.conn);
    }
    for (const conn of conns) conn.ackDurable();
    for (const doc of docs) doc.afterFlush();
  }
}
