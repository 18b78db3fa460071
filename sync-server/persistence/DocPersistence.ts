/**
 * The relay's durable Yjs storage, behind an interface: the embedded SQLite
 * implementation serves a single node (the default), the PostgreSQL one
 * (`RELAY_DATABASE_URL`) a log shared by several nodes. Every method is
 * async for the latter; SQLite answers at once (but compacts off-thread).
 */

/** Identifies one doc: `(workspaceId, docName)`. */
export interface DocKey {
  workspaceId: string;
  docName: string;
}

/** What is stored for one doc. */
export interface StoredRelayDoc {
  /** Merged state up to the last compaction (a Yjs v1 update), or null. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Bytes stored for the doc (snapshot + updates): what the doc-size limit counts. */
  bytes: number;
}

/** One update to append. */
export interface DocAppend {
  key: DocKey;
  update: Uint8Array;
  /** The user whose write it is: its bytes count against that user's budget in the workspace. */
  writerId?: string;
  /**
   * Id of the update across relay nodes (`<node>-<n>`): every node that applies a forwarded update
   * appends it under the id its first node gave it, and storage keeps one copy per id.
   */
  entryId?: string;
}

/** What a workspace holds, for its quotas: read once when its first doc loads, then kept up to date in memory. */
export interface WorkspaceUsageRecord {
  /** Names of the docs written at least once. */
  docNames: string[];
  /** Bytes each writer's updates added, by user id (never decreases: compaction does not give budget back). */
  writerBytes: Map<string, number>;
}

/** What a compaction did. */
export interface CompactResult {
  /** Updates merged into the snapshot (0: nothing to do). */
  merged: number;
  /** Bytes stored for the doc afterwards. */
  bytes: number;
}

/** Durable per-doc update log with snapshots. */
export interface DocPersistence {
  /** The snapshot and the later updates of `key` (empty for a doc never written). */
  loadDoc(key: DocKey): Promise<StoredRelayDoc>;
  /**
   * Appends `appends` (possibly to several docs) in order; resolves once all
   * of them are durable (committed to disk), rejects with none of them stored.
   */
  appendUpdates(appends: readonly DocAppend[]): Promise<void>;
  /** The docs and per-writer bytes of `workspaceId`. */
  loadUsage(workspaceId: string): Promise<WorkspaceUsageRecord>;
  /** Number of updates of `key` not yet merged into its snapshot. */
  pendingCount(key: DocKey): Promise<number>;
  /**
   * Merges the snapshot and updates of `key` into a new snapshot and deletes
   * exactly the updates merged, atomically.
   */
  compact(key: DocKey): Promise<CompactResult>;
  /**
   * Erasure (docs/erasure.md): replaces the whole stored history of `key`
   * (snapshot and every update) by one snapshot, in one transaction, so
   * content deleted in the doc leaves the log. `state` is the garbage-
   * collected state of the relay's in-memory doc, whose writes the caller
   * let become durable first: on one node (SQLite) it holds every stored
   * update, and is stored as is; a log shared by nodes (PostgreSQL) may
   * hold rows another node stored meanwhile, so they are folded in (a Y.Doc
   * with garbage collection, under the doc's row lock). Resolves with the
   * bytes stored for the doc afterwards.
   */
  rewrite(key: DocKey, state: Uint8Array): Promise<number>;
  /**
   * Erasure: makes the bytes of rows deleted so far unrecoverable from the
   * storage's files (SQLite: VACUUM, then the WAL checkpointed and
   * truncated; PostgreSQL: VACUUM of the log tables).
   */
  scrub(): Promise<void>;
  /**
   * An owner erased the whole workspace from the relay: deletes every row of
   * every doc of `workspaceId` (snapshots, updates, the docs) and its writer
   * byte counts, in one transaction; resolves with the number of docs.
   * `scrub` afterwards removes the bytes from the files.
   */
  deleteWorkspace(workspaceId: string): Promise<number>;
  /** Resolves when the storage answers (readiness); rejects with why not. */
  ping?(): Promise<void>;
  /** Closes the storage; pending appends have settled before. */
  close(): Promise<void>;
}
