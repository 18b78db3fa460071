/**
 * The docs held in memory, by (workspace, doc name). A doc is created and
 * loaded by its first connection and dropped a grace period after its last
 * one left (a reconnecting client finds it still loaded), once its writes
 * are durable.
 */
import type { DocKey } from '../persistence/DocPersistence';
import type { DocPolicy } from '../policy/docPolicies';
import { RelayDoc, type RelayDocDeps } from './RelayDoc';

export class DocManager {
  private readonly docs = new Map<string, RelayDoc>();
  private readonly idleTimers = new Map<RelayDoc, NodeJS.Timeout>();
  private readonly deps: RelayDocDeps;

  constructor(
    deps: Omit<RelayDocDeps, 'onIdle'>,
    private readonly graceMs: number,
    /** Docs to keep although idle (a workspace's `meta` and `governance` while its rooms are open). */
    private readonly keepLoaded: (doc: RelayDoc) => boolean = () => false,
  ) {
    this.deps = { ...deps, onIdle: (doc) => this.startGrace(doc) };
  }

  /** Docs in memory. */
  get size(): number {
    return this.docs.size;
  }

  /** The doc of `key` (written under `policy`), loading it when it is not in memory. */
  acquire(key: DocKey, policy: DocPolicy): RelayDoc {
    const keyString = `${key.workspaceId}\u0000${key.docName}`;
    let doc = this.docs.get(keyString);
    if (doc && !doc.writable) doc = undefined;
    if (!doc) {
      doc = new RelayDoc(key, policy, this.deps);
      this.docs.set(keyString, doc);
    }
    const timer = this.idleTimers.get(doc);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(doc);
    }
    return doc;
  }

  /**
   * Lets a doc acquired without a connection go idle (its grace period starts when no one is connected);
   * with `now`, an idle doc is dropped at once (an erasure walking every doc of a workspace).
   */
  release(doc: RelayDoc, now = false): void {
    if (doc.conns.size > 0) return;
    if (!now) return this.startGrace(doc);
    const timer = this.idleTimers.get(doc);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(doc);
    this.unloadIfIdle(doc);
  }

  /** The doc of `key` if it is in memory (not loading it). */
  peek(key: DocKey): RelayDoc | null {
    const doc = this.docs.get(`${key.workspaceId}\u0000${key.docName}`);
    return doc?.writable ? doc : null;
  }

  /** Every doc in memory. */
  all(): IterableIterator<RelayDoc> {
    return this.docs.values();
  }

  /** Drops every doc (shutdown; connections were closed and writes flushed before). */
  unloadAll(): void {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    for (const doc of this.docs.values()) doc.unload(false);
    this.docs.clear();
  }

  private startGrace(doc: RelayDoc): void {
    if (this.idleTimers.has(doc)) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(doc);
      this.unloadIfIdle(doc);
    }, this.graceMs);
    timer.unref();
    this.idleTimers.set(doc, timer);
  }

  private unloadIfIdle(doc: RelayDoc): void {
    if (doc.conns.size > 0) return;
    if (this.keepLoaded(doc)) {
      this.startGrace(doc);
      return;
    }
    if (doc.hasPendingWrites || !doc.loaded) {
      if (doc.writable) this.startGrace(doc);
      else this.forget(doc);
      return;
    }
    doc.unload();
    this.forget(doc);
  }

  private forget(doc: RelayDoc): void {
    if (this.docs.get(doc.keyString) === doc) this.docs.delete(doc.keyString);
  }
}
