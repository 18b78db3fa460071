/**
 * One doc held in memory by the relay, with its connections.
 *
 * Rules (docs/architecture.md "Sync rules", docs/relay-api.md): the doc is loaded before anything
 * is answered (frames that arrive meanwhile wait in a bounded queue); a
 * client's step 1 gets the diff against its state vector at once; an update
 * is decoded, checked against the doc's write policy and the workspace's caps
 * (sync-server/policy/), size-checked, applied to the in-memory doc, and what
 * it changed (re-encoded by Yjs, so nothing malformed is ever stored) goes at
 * once to the other connections (and nodes), and only then to the bookkeeping
 * and the group commit (a stock client's, never acknowledged, within 250 ms);
 * its writer is acknowledged once it is durable. A crash may lose what was
 * forwarded but not yet durable: nobody was told it was stored, and every
 * peer that saw it sends it again in its step 2 on reconnect (the diff
 * against the relay's state vector). Guests' updates are
 * dropped; awareness is checked, rate-limited, forwarded, and cleared when
 * its connection leaves.
 */
import * as Y from 'yjs';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { writeAwarenessFrame, writeStep1Frame, writeStep2Frame, writeUpdateFrame } from '../../src-main/common/syncFrames';
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import type { DocFanout, FanoutMessage } from '../fanout/DocFanout';
import type { DocKey, DocPersistence } from '../persistence/DocPersistence';
import { checkUpdatePolicy, type DecodedUpdate, type PolicyRefusal } from '../policy/checkUpdatePolicy';
import type { DocPolicy } from '../policy/docPolicies';
import type { WorkspaceAccess } from '../policy/WorkspaceAccess';
import type { QuotaRefusal, WorkspaceQuotas, WorkspaceUsage } from '../policy/WorkspaceQuotas';
import { RemoteAwareness } from '../fanout/RemoteAwareness';
import { AwarenessRelay } from './AwarenessRelay';
import { DocCompaction } from './DocCompaction';
import { handleRelayFrame, type FrameContext } from './handleRelayFrame';
import { asBuffer } from './asBuffer';
import { CLOSE_INTERNAL, type RelayConnection } from './RelayConnection';
import type { BatchedDoc, PendingWrite, UpdateBatcher } from './UpdateBatcher';

/** Shared services of every doc. */
export interface RelayDocDeps {
  persistence: DocPersistence;
  batcher: UpdateBatcher;
  fanout: DocFanout;
  metrics: RelayMetrics;
  logger: Logger;
  maxFrameBytes: number;
  maxDocBytes: number;
  maxAwarenessBytes: number;
  compactEvery: number;
  quotas: WorkspaceQuotas;
  /** Check updates against the doc's write policy (off only to measure the checks' cost). */
  enforcePolicies: boolean;
  /** Who may read and write what in the workspace (private rooms, authors, governance). */
  access: WorkspaceAccess;
  /** The doc has no connection left (the manager starts its grace period). */
  onIdle(doc: RelayDoc): void;
}

/** A frame waiting for the doc to load. */
interface Queued {
  conn: RelayConnection;
  frame: Uint8Array;
}

const REMOTE_ORIGIN = Symbol('remote node'); // updates applied from other relay nodes
const RELAY_ORIGIN = Symbol('relay'); // changes the relay makes itself (erasure)
/** Updates from other nodes held while the doc loads; past this, it is dropped and its clients resync. */
const MAX_REMOTE_QUEUE = 50_000;

/** Frames held while loading, in bytes, per doc, before the sender is closed. */
const MAX_QUEUED_FACTOR = 4;
/**
 * Owners and admins may write a doc up to this many times the size limit:
 * a member who fills a doc to the limit (e.g. `meta`) must not lock out the
 * people who can remove them.
 */
const MANAGER_DOC_FACTOR = 2;

export class RelayDoc implements BatchedDoc, FrameContext {
  readonly conns = new Set<RelayConnection>();
  readonly awareness = new AwarenessRelay();
  /** Awareness of the doc's clients on other relay nodes. */
  private readonly remoteAwareness = new RemoteAwareness();
  /** Updates from other nodes that arrived while the doc loaded, applied once it is. */
  private remoteQueue: FanoutMessage[] = [];
  readonly keyString: string;
  writeSeq = 0;
  ydoc: Y.Doc = new Y.Doc();
  private state: 'loading' | 'ready' | 'closed' = 'loading';
  private greeted = false;
  private queue: Queued[] = [];
  private queuedBytes = 0;
  private durableSeq = 0;
  private storedBytes = 0;
  private readonly compaction: DocCompaction;
  private captured: Uint8Array | null = null;
  private usage: WorkspaceUsage | null = null;
  private readonly unsubscribe: () => void;
  private settle: () => void = () => undefined;
  /** Resolves when the first load ended, loaded or failed. */
  readonly whenSettled = new Promise<void>((resolve) => {
    this.settle = resolve;
  });
  private readonly capture = (update: Uint8Array): void => {
    this.captured = update;
  };

  constructor(
    readonly key: DocKey,
    readonly policy: DocPolicy,
    readonly deps: RelayDocDeps,
  ) {
    this.keyString = `${key.workspaceId}\u0000${key.docName}`;
    this.compaction = new DocCompaction(key, deps, (bytes) => (this.storedBytes = bytes));
    this.unsubscribe = deps.fanout.subscribe(this.keyString, (message) => this.deliver(message));
    this.load().catch((err: unknown) => this.fail(err));
  }

  get writable(): boolean {
    return this.state !== 'closed';
  }

  get loaded(): boolean {
    return this.state === 'ready';
  }

  /** Adds a connection; it is greeted (step 1, awareness) once the doc is loaded. */
  attach(conn: RelayConnection): void {
    this.conns.add(conn);
    if (this.state === 'ready') this.greet(conn);
  }

  /** Removes a connection and tells the others its awareness states are gone. */
  detach(conn: RelayConnection): void {
    if (!this.conns.delete(conn)) return;
    const removal = this.awareness.removeOwner(conn);
    if (removal) this.deps.fanout.publish(this.keyString, { kind: 'awareness', payload: removal, originId: conn.id });
    if (this.conns.size === 0) this.deps.onIdle(this);
  }

  /** Handles one binary frame of `conn` (queued while the doc loads). */
  receive(conn: RelayConnection, frame: Uint8Array): void {
    if (conn.closed) return;
    if (this.state !== 'ready') {
      this.queuedBytes += frame.length;
      if (this.queuedBytes > this.deps.maxFrameBytes * MAX_QUEUED_FACTOR) {
        this.deps.metrics.rejectFrame('rate_limited');
        conn.close(RelayCloseCode.RateLimited, 'too many frames before the doc loaded');
        return;
      }
      this.queue.push({ conn, frame });
      return;
    }
    handleRelayFrame(this, conn, frame);
  }

  /** FrameContext: answers a step 1 with the diff (what is not durable yet included: see the rules above). */
  answerStep1(conn: RelayConnection, stateVector: Uint8Array): void {
    conn.send(writeStep2Frame(Y.encodeStateAsUpdate(this.ydoc, stateVector)));
  }

  /** FrameContext: null when the doc's write policy lets `update` (decoded) be applied to the doc as it is now. */
  checkPolicy(conn: RelayConnection, update: DecodedUpdate): PolicyRefusal | null {
    if (this.policy.kind === 'open' || !this.deps.enforcePolicies) return null;
    return checkUpdatePolicy(this.policy, this.ydoc, update, this.deps.access.writer(conn));
  }

  /**
   * FrameContext: applies a decoded update of `conn` and queues what it changed for the log;
   * 'failed' when Yjs threw (the doc is reloaded), a refusal when it goes over a cap (nothing changes).
   */
  applyUpdate(conn: RelayConnection, update: Uint8Array): 'ok' | 'too_large' | 'failed' | QuotaRefusal {
    const manager = conn.role === 'owner' || conn.role === 'admin';
    if (this.storedBytes + update.length > this.deps.maxDocBytes * (manager ? MANAGER_DOC_FACTOR : 1)) return 'too_large';
    // The update's own size stands for what it will add (what it changes is known only once applied, and is never larger).
    const overCap = this.usage?.check(this.key.docName, conn.userId, update.length);
    if (overCap) return overCap;
    this.captured = null;
    try {
      Y.applyUpdate(this.ydoc, update, conn);
    } catch (err) {
      // Yjs may have integrated part of it: rebuild the in-memory doc from the log.
      this.captured = null;
      this.deps.metrics.docReloads += 1;
      this.deps.logger('warn', 'doc.apply_failed', { workspaceId: this.key.workspaceId, docName: this.key.docName, err });
      this.reload().catch((reloadErr: unknown) => this.fail(reloadErr));
      return 'failed';
    }
    const effective = this.captured as Uint8Array | null;
    this.captured = null;
    conn.received += 1;
    const entryId = effective ? this.deps.fanout.nextEntryId() : undefined;
    if (effective) {
      // Forwarded once applied, before it is durable (the writer's ack waits for the commit, the peers do not); bookkeeping after.
      this.deps.fanout.publish(this.keyString, { kind: 'update', payload: effective, originId: conn.id, entryId });
      this.storedBytes += effective.length;
      this.usage?.charge(this.key.docName, conn.userId, effective.length);
      this.deps.access.changed(this);
    }
    this.deps.batcher.add(this, conn, effective, entryId, conn.qwanyx ? 'prompt' : 'lazy'); // lazy for a stock client: it is never acknowledged
    return 'ok';
  }

  /** Erasure (docs/erasure.md): runs `change` as the relay (the caller checked the owner); the change is forwarded to every connection (origin -1 is none of them) and stored. */
  changeAsRelay<T>(change: (doc: Y.Doc) => T): T {
    if (this.state !== 'ready') throw new Error(`the doc ${this.key.docName} is not loaded`);
    this.captured = null;
    const result = Y.transact(this.ydoc, () => change(this.ydoc), RELAY_ORIGIN);
    const effective = this.captured as Uint8Array | null;
    if (!effective) return result;
    const entryId = this.deps.fanout.nextEntryId();
    this.deps.fanout.publish(this.keyString, { kind: 'update', payload: effective, originId: -1, entryId });
    this.deps.batcher.add(this, null, effective, entryId);
    return result;
  }

  /** Erasure: the doc's stored history is now one snapshot of `bytes` (sync-server/erasure/RelayEraser.ts). */
  rewritten(bytes: number): void {
    this.storedBytes = bytes;
    this.compaction.rewritten(bytes);
  }

  /** FrameContext: forwards an awareness update to the other connections. */
  forwardAwareness(conn: RelayConnection, update: Uint8Array): void {
    this.deps.fanout.publish(this.keyString, { kind: 'awareness', payload: update, originId: conn.id });
  }

  /** BatchedDoc: a write is durable (its writer's ack follows). */
  onDurable(write: PendingWrite): void {
    this.durableSeq = write.seq;
    if (write.update) this.compaction.appended(write.update.length);
  }

  /** BatchedDoc: merges the log once it is long for the doc's size (DocCompaction.ts). */
  afterFlush(): void {
    this.compaction.afterCommit();
  }

  /** BatchedDoc: the log refused a write; the in-memory doc is ahead of it, so every client reconnects to a reload. */
  onWriteFailed(err: unknown): void {
    this.fail(err);
  }

  /** Whether writes are still waiting to be durable. */
  get hasPendingWrites(): boolean {
    return this.durableSeq !== this.writeSeq;
  }

  /**
   * Drops the doc from memory (the manager checked it has no connection and
   * no pending write), compacting its log afterwards unless `compact` is false (shutdown).
   */
  unload(compact = true): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.unsubscribe();
    this.awareness.clear();
    this.remoteAwareness.clear();
    this.remoteQueue = [];
    this.ydoc.off('update', this.capture);
    this.ydoc.destroy();
    this.queue = [];
    if (compact) this.compaction.unloaded();
  }

  /** Closes every connection with `code` (shutdown). */
  closeAll(code: number, reason: string): void {
    for (const conn of this.conns) conn.close(code, reason);
  }

  private deliver(message: FanoutMessage): void {
    if (message.kind === 'resync') return this.fail(new Error('the bus between relay nodes lost messages of this doc'));
    if (message.remote) return this.receiveRemote(message);
    const frame = asBuffer(message.kind === 'update' ? writeUpdateFrame(message.payload) : writeAwarenessFrame(message.payload));
    for (const conn of this.conns) if (conn.id !== message.originId) conn.send(frame);
  }

  private greet(conn: RelayConnection): void {
    if (this.deps.enforcePolicies && !this.deps.access.mayRead(this, conn)) {
      this.deps.access.refuseRead(conn);
      return;
    }
    conn.send(writeStep1Frame(Y.encodeStateVector(this.ydoc)));
    const states = this.awareness.encodeAll();
    if (states) conn.send(writeAwarenessFrame(states));
    const remoteStates = this.remoteAwareness.encodeAll();
    if (remoteStates) conn.send(writeAwarenessFrame(remoteStates));
  }

  /** A message another node published: awareness goes to every connection here; an update is applied first. */
  private receiveRemote(message: FanoutMessage): void {
    if (message.kind === 'awareness') {
      if (!this.remoteAwareness.apply(message.payload)) return;
      const frame = asBuffer(writeAwarenessFrame(message.payload));
      for (const conn of this.conns) conn.send(frame);
    } else if (this.state === 'loading') {
      if (this.remoteQueue.length >= MAX_REMOTE_QUEUE) this.fail(new Error('too many updates from other nodes while the doc loaded'));
      else this.remoteQueue.push(message);
    } else if (this.state === 'ready') this.applyRemote(message);
  }

  /**
   * Applies an update another node took (and checked under this doc's policies), forwards it here
   * if it changed something, and stores it too, under its id, with the next group commit: if its
   * node dies before committing it, it is not lost (storage keeps one copy per id). Not stored when
   * its node said it committed it by then (UpdateBatcher.ts, durable marks).
   */
  private applyRemote(message: FanoutMessage): void {
    this.deps.metrics.remoteUpdates += 1;
    this.captured = null;
    try {
      Y.applyUpdate(this.ydoc, message.payload, REMOTE_ORIGIN);
    } catch (err) {
      this.deps.logger('warn', 'doc.remote_apply_failed', { workspaceId: this.key.workspaceId, docName: this.key.docName, err });
      this.reload().catch((reloadErr: unknown) => this.fail(reloadErr));
      return;
    }
    const changed = this.captured !== null;
    this.captured = null;
    if (!changed) return;
    const frame = asBuffer(writeUpdateFrame(message.payload));
    for (const conn of this.conns) conn.send(frame);
    this.deps.access.changed(this);
    this.storedBytes += message.payload.length;
    this.deps.batcher.add(this, null, message.payload, message.entryId, 'copy'); // its own node acknowledges it, and may mark it committed first
  }

  private async load(): Promise<void> {
    this.state = 'loading';
    let ydoc: Y.Doc;
    try {
      // Writes of this doc still in flight must be in the log we read.
      await this.deps.batcher.flushed();
      const [stored, usage] = await Promise.all([this.deps.persistence.loadDoc(this.key), this.deps.quotas.load(this.key.workspaceId), this.deps.access.ready(this.key)]);
      this.usage = usage;
      ydoc = new Y.Doc();
      // One transaction for every update: much faster than applying (or merging) them one by one.
      Y.transact(ydoc, () => {
        if (stored.snapshot) Y.applyUpdate(ydoc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(ydoc, update);
      });
      this.storedBytes = stored.bytes;
      const snapshotBytes = stored.snapshot?.length ?? 0;
      this.compaction.loaded(snapshotBytes, stored.updates.length, stored.bytes - snapshotBytes);
    } catch (err) {
      this.deps.logger('error', 'doc.load_failed', { workspaceId: this.key.workspaceId, docName: this.key.docName, err });
      this.fail(err);
      return;
    }
    if (!this.writable) {
      ydoc.destroy();
      return;
    }
    this.ydoc.off('update', this.capture);
    this.ydoc.destroy();
    this.ydoc = ydoc;
    ydoc.on('update', this.capture);
    this.state = 'ready';
    this.settle();
    if (!this.greeted) {
      this.greeted = true;
      for (const conn of this.conns) this.greet(conn);
    }
    for (const message of this.remoteQueue.splice(0)) if (this.state === 'ready') this.applyRemote(message);
    while (this.state === 'ready' && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.queuedBytes -= next.frame.length;
      if (!next.conn.closed) handleRelayFrame(this, next.conn, next.frame);
    }
  }

  private reload(): Promise<void> {
    if (this.state !== 'ready') return Promise.resolve();
    return this.load();
  }

  private fail(err: unknown): void {
    if (this.state === 'closed') return;
    this.deps.logger('error', 'doc.failed', { workspaceId: this.key.workspaceId, docName: this.key.docName, err });
    this.closeAll(CLOSE_INTERNAL, 'relay storage error; reconnect');
    this.unload(false);
    this.settle();
  }
}
