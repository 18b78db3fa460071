/**
 * The sync of one linked workspace: one RelayDocConnection per synced doc
 * (`meta` today; rooms and digital humans add theirs with `addDoc`), fed
 * with the workspace's local changes, and one summary of their states.
 *
 * Local changes are those whose origin is not `remote`: the user's, an
 * agent's, and the app's own (including updates another process wrote to the
 * same file, applied here by catch-up). Remote ones came from the relay and
 * are never sent back.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { SyncReasonCode, SyncState } from '../common/contract';
import type { SyncPendingStore } from '../storage/SyncPendingStore';
import type { BackoffOptions } from './backoffDelay';
import type { DocChange, DocManager } from './DocManager';
import { RelayDocConnection, type DocSyncStatus, type RelayTokenProvider } from './RelayDocConnection';

/** What a workspace's sync needs: its docs, pending rows, tokens and the docs to sync. */
export interface WorkspaceSyncOptions {
  workspaceId: string;
  relayUrl: string;
  docs: DocManager;
  pending: SyncPendingStore | null;
  tokens: RelayTokenProvider;
  docNames: readonly string[];
  backoff?: BackoffOptions;
  random?: () => number;
  silenceTimeoutMs?: number;
  /** Presence and typing of this workspace, carried over the `meta` doc's socket. */
  awareness?: Awareness;
  /** Something changed: a connection's state, or the pending count (a local change). */
  onStatus(): void;
  onError?(err: unknown): void;
}

/** The state of a workspace's sync, all docs together. */
export interface SyncSummary {
  state: Exclude<SyncState, 'local-only'>;
  reasonCode: SyncReasonCode | null;
  reason: string | null;
  /** `removed` only: when an owner erased the workspace from the relay (ms), when the relay said. */
  erasedAt?: number | null;
}

const SEVERITY: Record<SyncSummary['state'], number> = { error: 4, offline: 3, connecting: 2, syncing: 1, synced: 0 };

/** The worst state among the docs wins: one doc in error makes the workspace in error. */
export function summarizeDocStates(statuses: readonly DocSyncStatus[]): SyncSummary {
  let worst: SyncSummary = { state: 'synced', reasonCode: null, reason: null };
  for (const status of statuses) {
    const candidate: SyncSummary =
      status.state === 'idle'
        ? { state: 'offline', reasonCode: 'not-connected', reason: 'Not connected to the relay' }
        : { state: status.state, reasonCode: status.reasonCode, reason: status.reason, ...(status.erasedAt != null ? { erasedAt: status.erasedAt } : {}) };
    if (SEVERITY[candidate.state] > SEVERITY[worst.state]) worst = candidate;
  }
  return worst;
}

/** The connections of one linked workspace, started and stopped together. */
export class WorkspaceSync {
  private readonly connections = new Map<string, RelayDocConnection>();
  private unsubscribe: (() => void) | null = null;
  private running = false;

  constructor(private readonly options: WorkspaceSyncOptions) {}

  get workspaceId(): string {
    return this.options.workspaceId;
  }

  /** Connects every synced doc and starts forwarding local changes. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.docs.onChange((change) => this.onChange(change));
    for (const name of this.options.docNames) this.addDoc(name);
  }

  /** Starts syncing one more doc of this workspace (no-op when it already syncs). */
  addDoc(docName: string): void {
    if (!this.running || this.connections.has(docName)) return;
    const connection = new RelayDocConnection({
      relayUrl: this.options.relayUrl,
      workspaceId: this.options.workspaceId,
      docName,
      docs: this.options.docs,
      tokens: this.options.tokens,
      pending: this.options.pending,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.silenceTimeoutMs !== undefined ? { silenceTimeoutMs: this.options.silenceTimeoutMs } : {}),
      ...(this.options.awareness && docName === 'meta' ? { awareness: this.options.awareness } : {}),
      onStatus: () => this.options.onStatus(),
      ...(this.options.onError ? { onError: this.options.onError } : {}),
    });
    this.connections.set(docName, connection);
    connection.start();
  }

  /** Drops every socket and connects again now (the user's "retry"). */
  reconnectNow(): void {
    for (const connection of this.connections.values()) connection.reconnectNow();
  }

  /** Closes every socket; resolves once they are closed. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    const closing = [...this.connections.values()].map((c) => c.stop());
    this.connections.clear();
    await Promise.all(closing);
  }

  /** The state of the workspace's sync, all docs together. */
  summary(): SyncSummary {
    if (!this.running) return { state: 'offline', reasonCode: 'not-connected', reason: 'Not connected to the relay' };
    return summarizeDocStates([...this.connections.values()].map((c) => c.status()));
  }

  /** The status of each doc's connection. */
  docStatuses(): Map<string, DocSyncStatus> {
    return new Map([...this.connections].map(([name, c]) => [name, c.status()]));
  }

  private onChange(change: DocChange): void {
    if (change.origin.source === 'remote') return;
    const connection = this.connections.get(change.docName);
    if (!connection) return;
    connection.onLocalChange(change);
    this.options.onStatus();
  }
}
