/**
 * Group commit of updates: the updates accepted during one turn of the event
 * loop are appended to the durable log in one transaction (one fsync, or one
 * PostgreSQL commit), then acknowledged to their writers in order. Commits
 * are pipelined: the next group starts while the previous one's fsync or
 * commit is still under way (at most MAX_IN_FLIGHT at once; updates arriving
 * meanwhile wait and form one group), so a commit never waits for the
 * round trip that reported the one before. Groups are reported in the order
 * they started, whatever order they finished in: an ack waits for its own
 * commit and every earlier one. The docs forwarded the updates to their
 * peers already, when they were applied; nothing is acknowledged before the
 * transaction holding it has committed.
 *
 * A write nobody is acknowledged for (`lazy`) waits up to LAZY_COPY_MS for a
 * group to ride with instead of starting one: an update of a stock
 * y-websocket client (that protocol has no ack), and a node's own copy of an
 * update another node took (that node acknowledges it from its own commit;
 * the copy only guards against it dying first). One commit each doubled the
 * commits of every doc open on two nodes, and gave a stock client typing a
 * character one fsync per keystroke. A crash in that window loses what a
 * crash between forward and commit always could (see RelayDoc.ts): the
 * clients send it again. It still goes in order with the doc's other writes.
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

/** Group commits under way at once: one committing, the next one queued behind it at the log. */
const MAX_IN_FLIGHT = 2;
/** Longest wait of a lazy write (no one awaits its ack) for a group to join. */
export const LAZY_COPY_MS = 25;

/** One group handed to the log. */
interface InFlight {
  batch: PendingWrite[];
  docs: Set<BatchedDoc>;
  updates: number;
  /** Set once the log answered: null committed, else the error. */
  outcome: { err: unknown } | null | undefined;
}

export class UpdateBatcher {
  private entries: PendingWrite[] = [];
  private readonly inFlight: InFlight[] = [];
  private scheduled = false;
  /** Set while only lazy writes wait: the group starts when it fires, or sooner with the next prompt write. */
  private lazyTimer: NodeJS.Timeout | null = null;
  private waiters: (() => void)[] = [];
  private readonly start = (): void => {
    this.scheduled = false;
    this.startNext();
    // Nothing to start (the writes were abandoned): whoever waits for a flush is done.
    if (this.idle) this.wakeWaiters();
  };

  constructor(
    private readonly persistence: DocPersistence,
    private readonly metrics: RelayMetrics,
    private readonly logger: Logger,
  ) {}

  /**
   * Queues an accepted update of `conn` on `doc`; its group starts at the end of this event-loop turn (or once a
   * commit under way ends). A `lazy` write (see above) starts no group of its own before LAZY_COPY_MS.
   */
  add(doc: BatchedDoc, conn: RelayConnection | null, update: Uint8Array | null, entryId?: string, lazy = false): void {
    doc.writeSeq += 1;
    this.entries.push({ doc, conn, update, seq: doc.writeSeq, entryId });
    if (this.scheduled) return;
    if (lazy) {
      if (this.entries.length === 1) this.lazyTimer = setTimeout(this.start, LAZY_COPY_MS);
      return;
    }
    // The first write of a group, or the first prompt one behind lazy writes.
    if (this.entries.length === 1 || this.lazyTimer) {
      this.scheduled = true;
      setImmediate(this.start);
    }
  }

  /** Drops the writes not yet handed to the log (a simulated crash: they are never acknowledged). */
  abandon(): void {
    this.entries = [];
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    // No group will start for them: whoever waits for a flush of only those is done.
    if (this.idle && !this.scheduled) this.wakeWaiters();
  }

  /** Resolves once every write queued so far has been committed (or has failed). */
  flushed(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private get idle(): boolean {
    return this.entries.length === 0 && this.inFlight.length === 0;
  }

  /** Hands the queued writes to the log as one group, unless MAX_IN_FLIGHT groups are under way. */
  private startNext(): void {
    if (this.entries.length === 0 || this.inFlight.length >= MAX_IN_FLIGHT) return;
    const batch = this.entries;
    this.entries = [];
    if (this.lazyTimer) {
      clearTimeout(this.lazyTimer);
      this.lazyTimer = null;
    }
    const appends: DocAppend[] = [];
    const docs = new Set<BatchedDoc>();
    for (const write of batch) {
      if (!write.doc.writable) continue;
      docs.add(write.doc);
      if (write.update) appends.push({ key: write.doc.key, update: write.update, writerId: write.conn?.userId, entryId: write.entryId });
    }
    const group: InFlight = { batch, docs, updates: appends.length, outcome: undefined };
    this.inFlight.push(group);
    let commit: Promise<void>;
    try {
      commit = this.persistence.appendUpdates(appends);
    } catch (err) {
      commit = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    commit.then(
      () => this.settled(group, null),
      (err: unknown) => this.settled(group, { err }),
    );
  }

  /** The log answered for `group`: reports every group at the head of the line that has an answer, in order. */
  private settled(group: InFlight, outcome: { err: unknown } | null): void {
    group.outcome = outcome;
    // Groups reported together give each writer one ack.
    const conns = new Set<RelayConnection>();
    while (this.inFlight.length > 0 && this.inFlight[0]!.outcome !== undefined) {
      const head = this.inFlight.shift()!;
      try {
        this.report(head, conns);
      } catch (err) {
        // A bug after the commit (compaction scheduling): logged, and the next group still runs.
        this.logger('error', 'store.batch_failed', { err });
      }
    }
    for (const conn of conns) conn.ackDurable();
    this.startNext();
    if (this.idle) this.wakeWaiters();
  }

  private wakeWaiters(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Tells the docs of `group` what became durable (or failed); adds the writers to acknowledge to `conns`. */
  private report(group: InFlight, conns: Set<RelayConnection>): void {
    if (group.outcome) {
      this.logger('error', 'store.append_failed', { updates: group.updates, err: group.outcome.err });
      for (const doc of group.docs) doc.onWriteFailed(group.outcome.err);
      return;
    }
    this.metrics.updatesStored += group.updates;
    this.metrics.logCommits += 1;
    for (const write of group.batch) {
      // A doc that failed meanwhile (an earlier group of it did not commit) acknowledges nothing more.
      if (!write.doc.writable) continue;
      write.doc.onDurable(write);
      if (!write.conn) continue;
      write.conn.durable += 1;
      conns.add(write.conn);
    }
    for (const doc of group.docs) if (doc.writable) doc.afterFlush();
  }
}
