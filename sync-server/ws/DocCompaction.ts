/**
 * When a relay doc's log is merged into its snapshot (the merge runs off the
 * thread that serves sockets: DocPersistence.compact).
 *
 * A merge rewrites the whole snapshot, so its cost grows with the doc. A
 * merge every `compactEvery` updates whatever the size made a big doc pay
 * its whole size again every few hundred small updates: an audit doc of
 * 1.5 MB took ~200 µs of CPU per 165-byte entry, most of it merging, and the
 * merges' bursts were the tail of its propagation. A merge now also waits
 * until the updates since the last one add up to a quarter of the snapshot
 * (LOG_SHARE_OF_SNAPSHOT), so each byte written is merged a bounded number
 * of times: small docs merge every `compactEvery` updates as before, a big
 * one less often, and a load reads at most a quarter more than the snapshot
 * as separate updates.
 */
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import type { DocKey, DocPersistence } from '../persistence/DocPersistence';

/** The log is merged once its bytes reach this share of the snapshot's (and `compactEvery` updates). */
const LOG_SHARE_OF_SNAPSHOT = 0.25;

export interface DocCompactionDeps {
  persistence: DocPersistence;
  metrics: RelayMetrics;
  logger: Logger;
  compactEvery: number;
}

export class DocCompaction {
  private logCount = 0;
  private logBytes = 0;
  private snapshotBytes = 0;
  private running = false;

  constructor(
    private readonly key: DocKey,
    private readonly deps: DocCompactionDeps,
    /** A merge replaced the log: the doc's stored bytes are now `bytes`. */
    private readonly onMerged: (bytes: number) => void,
  ) {}

  /** The doc was loaded: its snapshot's bytes, and the updates (count, bytes) stored after it. */
  loaded(snapshotBytes: number, updates: number, updateBytes: number): void {
    this.snapshotBytes = snapshotBytes;
    this.logCount = updates;
    this.logBytes = updateBytes;
  }

  /** An update of `bytes` is durable in the log. */
  appended(bytes: number): void {
    this.logCount += 1;
    this.logBytes += bytes;
  }

  /** Erasure replaced the doc's history with one snapshot of `bytes`. */
  rewritten(bytes: number): void {
    this.snapshotBytes = bytes;
    this.logCount = 0;
    this.logBytes = 0;
  }

  /** After a group commit: merges once the log is long enough for the doc's size. */
  afterCommit(): void {
    if (this.logCount >= this.deps.compactEvery && this.logBytes >= this.snapshotBytes * LOG_SHARE_OF_SNAPSHOT) this.schedule();
  }

  /** The doc leaves memory: whatever its log holds is merged. */
  unloaded(): void {
    if (this.logCount > 0) this.schedule();
  }

  private schedule(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(() => {
      this.deps.persistence.compact(this.key).then(
        (result) => {
          this.running = false;
          if (result.merged === 0) return;
          this.deps.metrics.compactions += 1;
          this.logCount = 0;
          this.logBytes = 0;
          this.snapshotBytes = result.bytes;
          this.onMerged(result.bytes);
          this.deps.logger('debug', 'doc.compacted', { workspaceId: this.key.workspaceId, docName: this.key.docName, merged: result.merged, bytes: result.bytes });
        },
        (err: unknown) => {
          this.running = false;
          this.deps.logger('error', 'doc.compact_failed', { workspaceId: this.key.workspaceId, docName: this.key.docName, err });
        },
      );
    });
  }
}
