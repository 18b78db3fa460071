/** What one doc's relay connection is built from (RelayDocConnection.ts). */
import type { Awareness } from 'y-protocols/awareness';
import type { SyncPendingStore } from '../storage/SyncPendingStore';
import type { BackoffOptions } from './backoffDelay';
import type { DocManager } from './DocManager';
import type { DocSyncStatus, RelayTokenProvider } from './DocSyncStatus';

/** What a connection needs: where to connect, the doc, tokens, pending rows, and whom to tell. */
export interface RelayDocConnectionOptions {
  relayUrl: string;
  workspaceId: string;
  docName: string;
  docs: DocManager;
  tokens: RelayTokenProvider;
  /** Where acknowledged changes are crossed off; null when nothing is tracked. */
  pending: SyncPendingStore | null;
  backoff?: BackoffOptions;
  random?: () => number;
  /** The relay sends something at least every 30 s; after this long without a frame the socket is presumed dead. */
  silenceTimeoutMs?: number;
  /** Presence and typing to carry over this doc's socket (the workspace's `meta` doc carries them). */
  awareness?: Awareness;
  onStatus(status: DocSyncStatus): void;
  /** Reports unexpected errors (they are also reflected in the status). */
  onError?(err: unknown): void;
}
