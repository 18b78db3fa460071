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
 * A write nobody is acknowledged for (`lazy`) waits up to LAZY_WRITE_MS for a
 * group to ride with instead of starting one: an update of a stock
 * y-websocket client (that protocol has no ack), and a node's own copy of an
 * update another node took (that node acknowledges it from its own commit;
 * the copy only guards against it dying first). One commit each doubled the
 * commits of every doc open on two nodes, and gave a stock client typing a
 * character one fsync per keystroke. A crash in that window loses what a
 * crash between forward and commit always could (see RelayDoc.ts): the
 * clients send it again. It still goes in order with the doc's other writes.
 * A lazy write only rides: a commit that ends does not start the next group
 * for lazy writes alone (back-to-back commits of a stock client's keystrokes
 * would bring back the fsync per keystroke that the wait saves).
 * Why 250 ms: each commit wakes the log's thread, and on a host of two
 * cores its work beside the serving thread was the tail of propagation
 * (docs/relay-hosting.md "Figures"); a stock client typing now costs four
 * commits a second at most, and the window stays far under the seconds other
 * Yjs servers wait before they store.
 *
 * A node's copy (`copy`) of an update whose own node has said it committed
 * it (a durable mark: RedisFanout.ts) is not stored again; it is reported
 * durable like the rest. A copy alone waits COPY_WAIT_MS, four times a lazy
 * write: the node that took the update commits it within LAZY_WRITE_MS, and
 * its mark travels with its next message, so the copies' group must not
 * start in step with that node's own (it would always start just before).
 * This node's marks follow its own reports: after a group, every update it
 * gave an id up to the group's last is committed, unless one of its own was
 * ever dropped or failed, after which it marks nothing more (the others
 * keep storing their copies).
 *
 * `flushed()` starts the lazy writes waiting (a load needs them in the log
 * now) and waits for the writes queued when it was called, not for the
 * batcher to fall idle: a doc loading on a busy relay must not wait for a
 * lull that never comes.
 */
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import type { DocFanout } from '../fanout/DocFanout';
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
  /** A node's copy of an update another node took. */
  copy: boolean;
  /** Place of the write among every write of the batcher (flushed() waits up to one). */
  order: number;
}

/**
 * `prompt`: its writer awaits the ack; `lazy`: no one does (a stock client's); `copy`: this node's copy of
 * another node's update (lazy, and skipped when that node marked it committed).
 */
export type WriteMode = 'prompt' | 'lazy' | 'copy';

/** A write of an update this node took (it gave it its id), not a copy of another node's. */
function isOwn(write: PendingWrite): boolean {
  return write.entryId !== undefined && !write.copy;
}

/** Durable marks between nodes (DocFanout). */
export type DurableMarks = Pick<DocFanout, 'markStored' | 'storedElsewhere'>;

/** Group commits under way at once: one committing, the next one queued behind it at the log. */
const MAX_IN_FLIGHT = 2;
/** Longest wait of a lazy write (no one awaits its ack) for a group to join. */
export const LAZY_WRITE_MS = 250;
/** Longest wait of a node's copy of another node's update (see above). */
export const COPY_WAIT_MS = 4 * LAZY_WRITE_MS;

/** One group handed to the log. */
interface InFlight {
  batch: PendingWrite[];
  docs: Set<BatchedDoc>;
  updates: number;
  /** `order` of the last write the group settles (abandoned writes behind it included). */
  lastOrder: number;
  /** Set once the log answered: null committed, else the error. */
  outcome: { err: unknown } | null | undefined;
}

export class UpdateBatcher {
  private entries: PendingWrite[] = [];
  private readonly inFlight: InFlight[] = [];
  private scheduled = false;
  /** Set while only lazy writes wait: the group starts when it fires, or sooner with the next prompt write. */
  private lazyTimer: NodeJS.Timeout | null = null;
  /** When the lazy timer fires (performance.now()). */
  private lazyDeadline = 0;
  /** A queued write must start a group as soon as the log can take one: a prompt write, or a lazy one whose wait is over. */
  private due = false;
  /** Writes queued so far, and how many of them (in order) are settled: reported, failed or abandoned. */
  private queuedCount = 0;
  private settledCount = 0;
  private waiters: { upTo: number; resolve: () => void }[] = [];
  /** One of this node's own updates was dropped or failed: no more durable marks. */
  private marksStopped = false;
  private readonly start = (): void => {
    this.scheduled = false;
    this.startNext();
  };
  private readonly lazyWaitOver = (): void => {
    this.lazyTimer = null;
    this.due = true;
    this.startNext();
  };

  constructor(
    private readonly persistence: DocPersistence,
    private readonly metrics: RelayMetrics,
    private readonly logger: Logger,
    private readonly marks: DurableMarks = { markStored: () => undefined, storedElsewhere: () => false },
  ) {}

  /**
   * Queues an accepted update of `conn` on `doc`; its group starts at the end of this event-loop turn (or once a
   * commit under way ends). A `lazy` write or a `copy` (see above) starts no group of its own before LAZY_WRITE_MS
   * or COPY_WAIT_MS.
   */
  add(doc: BatchedDoc, conn: RelayConnection | null, update: Uint8Array | null, entryId?: string, mode: WriteMode = 'prompt'): void {
    doc.writeSeq += 1;
    this.entries.push({ doc, conn, update, seq: doc.writeSeq, entryId, copy: mode === 'copy', order: ++this.queuedCount });
    if (mode !== 'prompt') {
      if (!this.due) this.waitAtMost(mode === 'copy' ? COPY_WAIT_MS : LAZY_WRITE_MS);
      return;
    }
    this.due = true;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.start);
  }

  /** Makes the waiting writes start a group within `ms` at the latest. */
  private waitAtMost(ms: number): void {
    const deadline = performance.now() + ms;
    if (this.lazyTimer) {
      if (this.lazyDeadline <= deadline) return;
      clearTimeout(this.lazyTimer);
    }
    this.lazyDeadline = deadline;
    this.lazyTimer = setTimeout(this.lazyWaitOver, ms);
  }

  /** Drops the writes not yet handed to the log (a simulated crash: they are never acknowledged). */
  abandon(): void {
    if (this.entries.some(isOwn)) this.marksStopped = true;
    this.entries = [];
    this.due = false;
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    // They settle with the last group under way, or now if there is none.
    const last = this.inFlight[this.inFlight.length - 1];
    if (last) last.lastOrder = this.queuedCount;
    else this.settleUpTo(this.queuedCount);
  }

  /**
   * Resolves once every write queued so far has been committed (or has failed, or was abandoned); later writes are
   * not waited for. Lazy writes waiting start now: whoever flushes is about to read the log.
   */
  flushed(): Promise<void> {
    if (this.settledCount >= this.queuedCount) return Promise.resolve();
    if (this.entries.length > 0 && !this.due) {
      this.due = true;
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.start);
      }
    }
    return new Promise((resolve) => this.waiters.push({ upTo: this.queuedCount, resolve }));
  }

  /** Hands the queued writes to the log as one group, when one is due and fewer than MAX_IN_FLIGHT groups are under way. */
  private startNext(): void {
    if (!this.due || this.entries.length === 0 || this.inFlight.length >= MAX_IN_FLIGHT) return;
    const batch = this.entries;
    this.entries = [];
    this.due = false;
    if (this.lazyTimer) {
      clearTimeout(this.lazyTimer);
      this.lazyTimer = null;
    }
    const appends: DocAppend[] = [];
    const docs = new Set<BatchedDoc>();
    for (const write of batch) {
      if (!write.doc.writable) {
        if (isOwn(write)) this.marksStopped = true;
        continue;
      }
      docs.add(write.doc);
      if (write.copy && write.entryId !== undefined && this.marks.storedElsewhere(write.entryId)) {
        this.metrics.copiesSkipped += 1;
        continue;
      }
      if (write.update) appends.push({ key: write.doc.key, update: write.update, writerId: write.conn?.userId, entryId: write.entryId });
    }
    const group: InFlight = { batch, docs, updates: appends.length, lastOrder: batch[batch.length - 1]!.order, outcome: undefined };
    this.inFlight.push(group);
    let commit: Promise<void>;
    try {
      // Writes that changed nothing are acknowledged without a commit of their own (still in order, behind the groups under way).
      commit = appends.length === 0 ? Promise.resolve() : this.persistence.appendUpdates(appends);
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
      this.settleUpTo(head.lastOrder);
    }
    for (const conn of conns) conn.ackDurable();
    this.startNext();
  }

  /** Writes up to `order` are settled: wakes whoever waits for them. */
  private settleUpTo(order: number): void {
    this.settledCount = Math.max(this.settledCount, order);
    if (this.waiters.length === 0) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (waiter.upTo <= this.settledCount) waiter.resolve();
      else this.waiters.push(waiter);
    }
  }

  /** Tells the docs of `group` what became durable (or failed); adds the writers to acknowledge to `conns`. */
  private report(group: InFlight, conns: Set<RelayConnection>): void {
    if (group.outcome) {
      this.logger('error', 'store.append_failed', { updates: group.updates, err: group.outcome.err });
      if (group.batch.some(isOwn)) this.marksStopped = true;
      for (const doc of group.docs) doc.onWriteFailed(group.outcome.err);
      return;
    }
    this.metrics.updatesStored += group.updates;
    if (group.updates > 0) this.metrics.logCommits += 1;
    let lastOwn: string | undefined;
    for (const write of group.batch) if (isOwn(write)) lastOwn = write.entryId;
    if (lastOwn !== undefined && !this.marksStopped) this.marks.markStored(lastOwn);
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
