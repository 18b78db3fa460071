/**
 * Keeps the Y.Docs of one workspace in memory and durable on disk.
 *
 * Every update a doc emits is appended to the workspace's UpdateLog inside
 * the transaction's cleanup, so when `transact` returns the change is
 * committed. Listeners registered with `onChange` are the one place where
 * the app reacts to doc changes; they receive the typed origin.
 *
 * When the workspace syncs with a relay, `setPendingFilter` makes every non-remote update of the docs it
 * selects also count as waiting for the relay (`sync_pending`), in the same transaction as the append.
 *
 * Updates that another process (the CLI, say) wrote to the same file are applied by `catchUp`;
 * `compact` folds the log into a snapshot from the in-memory doc while holding the file's write lock.
 *
 * `holdWrites` pauses writing while another connection holds the file's write lock for long (an
 * erasure's VACUUM on a worker thread): waiting for the lock would block this thread, so local writes
 * are refused at once with the reason (nothing changes, the caller may try again) and remote updates
 * wait in memory, applied in order once writes resume (the relay holds them meanwhile: a crash loses none).
 *
 * A remote update that only deletes, and deletes much (an erasure at the relay, docs/erasure.md), is
 * applied in parts over several turns of the event loop (splitDeleteSet.ts, DeletionParts.ts).
 */
import * as Y from 'yjs';
import { AppError, ClosedError, ConflictError } from '../common/AppError';
import { DOC_NAME_PATTERN } from '../common/ids';
import { applyUpdates } from '../storage/compactDoc';
import { DeletionParts } from './DeletionParts';
import { splitDeleteSet } from './splitDeleteSet';
import type { UpdateLog } from '../storage/UpdateLog';
import { isTxOrigin, txOrigin, type TxOrigin } from './TxOrigin';

/** A change to a doc, after it was stored. */
export interface DocChange {
  docName: string;
  update: Uint8Array;
  origin: TxOrigin;
  /** The log seq this manager stored the update under; null when it came from the log (load, catch-up). */
  seq: number | null;
  /** The Yjs transaction: what changed (see `changedRootKeys`). */
  transaction: Y.Transaction;
}

export interface DocManagerOptions {
  /** Compact a doc once this many updates sit in its log (0 disables automatic compaction). */
  compactEvery?: number;
  /** Reports errors of background work (automatic compaction). */
  onError?: (err: unknown) => void;
  /**
   * Called with each new, still empty Y.Doc before its stored state is
   * applied: defines its root types (so every change is reported against
   * the same type instance) and lets projections note the clock before load.
   */
  prepareDoc?: (docName: string, doc: Y.Doc) => void;
  /** How long one turn may apply parts of large remote deletions (default 15 ms; DeletionParts.ts). */
  deletionStepMs?: number;
}

interface LoadedDoc {
  doc: Y.Doc;
  /** Every update with seq ≤ clock is in `doc`. */
  clock: number;
  /** Seqs this manager appended after `clock` (only when another connection wrote in between). */
  own: Set<number>;
  /** Highest seq this manager appended. */
  maxOwn: number;
  /** Updates and their bytes in the log since the snapshot. */
  pending: number;
  pendingBytes: number;
  snapshotBytes: number;
  compactScheduled: boolean;
}

/** Updates left in a doc's log that make `close` fold them into the snapshot. */
const CLOSE_COMPACT_MIN = 64;

/** Items (a message is one) deleted per part of a large remote deletion; parts start within 15 ms per turn. */
const DELETIONS_PER_PART = 100;
const DELETION_STEP_MS = 15;

/** Marks updates that come from the log: they are already stored. */
const fromLog = new WeakSet<object>();

export class DocManager {
  private readonly docs = new Map<string, LoadedDoc>();
  private readonly listeners = new Set<(change: DocChange) => void>();
  private readonly compactEvery: number;
  private closed = false;
  private pendingFilter: ((docName: string) => boolean) | null = null;
  private readonly reportError: (err: unknown) => void;
  /** Set while writes are held: why, and the remote updates that arrived meanwhile. */
  private held: { reason: string; remote: { docName: string; update: Uint8Array; origin: TxOrigin }[] } | null = null;
  /** Parts of large remote deletions still to apply; a turn's parts share one transaction, no savepoint each. */
  private readonly deletions: DeletionParts;

  constructor(
    private readonly log: UpdateLog,
    private readonly options: DocManagerOptions = {},
  ) {
    this.compactEvery = options.compactEvery ?? 500;
    this.reportError = options.onError ?? ((err) => console.error('Qwanyx DocManager:', err));
    this.deletions = new DeletionParts({
      apply: (docName, update, origin) => Y.applyUpdate(this.loaded(docName).doc, update, origin),
      turn: (run) => this.log.writeTransaction(run),
      // Nothing of the turn is stored: its docs are reloaded on next use, the relay sends the deletions again.
      failed: (docNames, err) => {
        for (const docName of docNames) this.drop(docName);
        this.reportError(err);
      },
      paused: () => this.closed || this.held !== null,
      stepMs: options.deletionStepMs ?? DELETION_STEP_MS,
    });
  }

  /** The doc named `docName`, loaded from disk on first use. */
  doc(docName: string): Y.Doc {
    return this.loaded(docName).doc;
  }

  /**
   * Highest log seq reflected in the doc. For a doc not loaded yet this is
   * read from the log without loading it, so a workspace whose projections
   * are fresh opens without decoding its docs.
   */
  clock(docName: string): number {
    const entry = this.docs.get(docName);
    if (!entry) {
      if (this.closed) throw new ClosedError('This workspace is closed');
      return this.log.clock(docName);
    }
    return Math.max(entry.clock, entry.maxOwn);
  }

  /** True when the doc is decoded in memory. */
  isLoaded(docName: string): boolean {
    return this.docs.has(docName);
  }

  /**
   * Runs `fn` in one Yjs transaction with `origin`. Its update and whatever
   * listeners write to the same database (projections) commit together, in
   * one SQLite transaction, before this returns.
   */
  transact<T>(docName: string, origin: TxOrigin, fn: (doc: Y.Doc) => T): T {
    this.refuseWhileHeld();
    const entry = this.loaded(docName);
    let result!: T;
    this.durably(docName, entry, () =>
      entry.doc.transact(() => {
        result = fn(entry.doc);
      }, origin),
    );
    return result;
  }

  /** Applies an update received from elsewhere (relay, import) and stores it. */
  applyUpdate(docName: string, update: Uint8Array, origin: TxOrigin): void {
    if (this.held && origin.source === 'remote') {
      this.held.remote.push({ docName, update, origin });
      return;
    }
    this.refuseWhileHeld();
    const parts = origin.source === 'remote' ? splitDeleteSet(update, DELETIONS_PER_PART) : null;
    if (parts) return this.deletions.add(docName, parts, origin);
    const entry = this.loaded(docName);
    this.durably(docName, entry, () => Y.applyUpdate(entry.doc, update, origin));
  }

  /** Parts of large remote deletions not applied yet. */
  get queuedDeletions(): number {
    return this.deletions.size;
  }

  /**
   * From now on, local (non-remote) updates of the docs `filter` selects are
   * also recorded as waiting for the relay; null stops it (local-only workspace).
   */
  setPendingFilter(filter: ((docName: string) => boolean) | null): void {
    this.pendingFilter = filter;
  }

  /** Subscribes to stored changes of every doc of this workspace. */
  onChange(listener: (change: DocChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies updates other connections appended to the log since we last looked. Returns how many. */
  catchUp(docName: string): number {
    const entry = this.loaded(docName);
    return this.log.readTransaction(() => {
      const foreign: Uint8Array[] = [];
      // Another connection may have folded updates we never saw into the
      // snapshot: apply it (Yjs ignores what we already have).
      const snapshot = this.log.snapshotAfter(docName, entry.clock);
      if (snapshot) {
        foreign.push(snapshot.data);
        entry.clock = snapshot.uptoSeq;
      }
      const rows = this.log.readSince(docName, entry.clock);
      for (const row of rows) if (!entry.own.has(row.seq)) foreign.push(row.data);
      if (rows.length > 0) entry.clock = rows[rows.length - 1]!.seq;
      for (const seq of entry.own) if (seq <= entry.clock) entry.own.delete(seq);
      if (foreign.length > 0) {
        const origin = txOrigin('system', 'catch-up');
        fromLog.add(origin);
        applyUpdates(entry.doc, foreign, origin);
      }
      return foreign.length;
    });
  }

  /**
   * Until the returned function is called, local writes throw a ConflictError saying `reason` and
   * remote updates queue in memory; calling it applies them in order and lets writes through again.
   */
  holdWrites(reason: string): () => void {
    if (this.held) throw new AppError('INTERNAL', 'Writes are already held');
    const held = { reason, remote: [] as { docName: string; update: Uint8Array; origin: TxOrigin }[] };
    this.held = held;
    return () => {
      if (this.held !== held) return;
      this.held = null;
      if (this.closed) return;
      for (const { docName, update, origin } of held.remote) {
        try {
          this.applyUpdate(docName, update, origin);
        } catch (err) {
          this.reportError(err);
        }
      }
      this.deletions.step();
    };
  }

  /** True while `holdWrites` holds writes. */
  get writesHeld(): boolean {
    return this.held !== null;
  }

  private refuseWhileHeld(): void {
    if (this.held) throw new ConflictError(this.held.reason);
  }

  /** Folds the log of `docName` into one snapshot. Returns the number of updates merged. */
  compact(docName: string): number {
    this.refuseWhileHeld();
    const entry = this.loaded(docName);
    entry.compactScheduled = false;
    return this.log.writeTransaction(() => {
      this.catchUp(docName);
      const merged = this.log.pendingCount(docName);
      if (merged === 0) return 0;
      const snapshot = Y.encodeStateAsUpdate(entry.doc);
      this.log.replaceWithSnapshot(docName, snapshot, Y.encodeStateVector(entry.doc), entry.clock);
      entry.pending = 0;
      entry.pendingBytes = 0;
      entry.snapshotBytes = snapshot.byteLength;
      return merged;
    });
  }

  /** Names of the docs loaded in memory. */
  loadedDocs(): string[] {
    return [...this.docs.keys()];
  }

  /**
   * Releases every doc. Further calls throw ClosedError. A doc whose log
   * holds `CLOSE_COMPACT_MIN` updates or more is first folded into its
   * snapshot (snapshot on close): the next load decodes one snapshot instead
   * of replaying the tail update by update, which costs several times more
   * per update (benchDocLoad.ts). A failed fold loses nothing: the log is
   * left as it was.
   */
  close(): void {
    if (this.closed) return;
    if (this.compactEvery > 0) {
      for (const [docName, entry] of this.docs) {
        if (entry.pending < CLOSE_COMPACT_MIN) continue;
        try {
          this.compact(docName);
        } catch (err) {
          this.reportError(err);
        }
      }
    }
    this.closed = true;
    this.deletions.clear();
    for (const entry of this.docs.values()) entry.doc.destroy();
    this.docs.clear();
    this.listeners.clear();
  }

  private loaded(docName: string): LoadedDoc {
    if (this.closed) throw new ClosedError('This workspace is closed');
    const existing = this.docs.get(docName);
    if (existing) return existing;
    if (!DOC_NAME_PATTERN.test(docName)) throw new AppError('VALIDATION', `Unknown document name: ${docName}`);
    const stored = this.log.load(docName);
    const doc = new Y.Doc();
    this.options.prepareDoc?.(docName, doc);
    const loadOrigin = txOrigin('system', 'load');
    fromLog.add(loadOrigin);
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, loadOrigin);
    applyUpdates(
      doc,
      stored.updates,
      loadOrigin,
    );
    const entry: LoadedDoc = {
      doc,
      clock: stored.clock,
      own: new Set(),
      maxOwn: 0,
      pending: stored.updates.length,
      pendingBytes: stored.updates.reduce((sum, u) => sum + u.byteLength, 0),
      snapshotBytes: stored.snapshot?.byteLength ?? 0,
      compactScheduled: false,
    };
    doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) =>
      this.onUpdate(docName, entry, update, origin, transaction),
    );
    this.docs.set(docName, entry);
    // A long backlog makes every load slow: fold it now rather than at the next write.
    this.maybeScheduleCompaction(docName, entry);
    return entry;
  }

  /** Runs `change` in a write transaction; if it cannot commit, memory is dropped to match the disk. */
  private durably(docName: string, entry: LoadedDoc, change: () => void): void {
    try {
      this.log.writeTransaction(change);
    } catch (err) {
      // The doc may now hold a change the disk does not: drop it, and tell the caller.
      this.drop(docName, entry);
      throw err;
    }
  }

  /** Drops a doc from memory (it may hold a change the disk does not): the next use reloads what is stored. */
  private drop(docName: string, entry = this.docs.get(docName)): void {
    if (!entry || this.docs.get(docName) !== entry) return;
    this.docs.delete(docName);
    entry.doc.destroy();
  }

  private onUpdate(docName: string, entry: LoadedDoc, update: Uint8Array, rawOrigin: unknown, transaction: Y.Transaction): void {
    const origin = isTxOrigin(rawOrigin) ? rawOrigin : txOrigin('system');
    let seq: number | null = null;
    if (!fromLog.has(origin)) {
      try {
        const pending = origin.source !== 'remote' && this.pendingFilter !== null && this.pendingFilter(docName);
        seq = pending ? this.log.appendPending(docName, update) : this.log.append(docName, update);
        // Usually nobody else writes to this file: the clock simply moves on.
        if (seq === entry.clock + 1 && entry.own.size === 0) entry.clock = seq;
        else entry.own.add(seq);
        entry.maxOwn = Math.max(entry.maxOwn, seq);
      } catch (err) {
        this.drop(docName, entry);
        throw err;
      }
      entry.pending += 1;
      entry.pendingBytes += update.byteLength;
      this.maybeScheduleCompaction(docName, entry);
    }
    const change: DocChange = { docName, update, origin, seq, transaction };
    // The update is stored: a failing reaction must not make the caller believe
    // the write failed (a retry would write it twice), nor starve other listeners.
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.reportError(err);
      }
    }
  }

  private maybeScheduleCompaction(docName: string, entry: LoadedDoc): void {
    if (this.compactEvery <= 0 || entry.pending < this.compactEvery || entry.compactScheduled) return;
    // Geometric trigger: rewriting the snapshot costs its size, so wait until
    // the log holds a quarter of it; compaction then costs O(1) per byte written.
    if (entry.pendingBytes * 4 < entry.snapshotBytes) return;
    entry.compactScheduled = true;
    const timer = setTimeout(() => {
      if (this.closed || this.docs.get(docName) !== entry) return;
      // Writes are held (another connection has the file): the next write schedules it again.
      if (this.held) {
        entry.compactScheduled = false;
        return;
      }
      try {
        this.compact(docName);
      } catch (err) {
        entry.compactScheduled = false;
        this.reportError(err);
      }
    }, 0);
    timer.unref?.();
  }
}
