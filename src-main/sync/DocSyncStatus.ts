/** What a doc's relay connection reports about itself, and where it gets its tokens. */
import type { SyncReasonCode } from '../common/contract';

/** State of one doc's connection. */
export type DocSyncState = 'idle' | 'connecting' | 'offline' | 'syncing' | 'synced' | 'error';

/** What a connection reports about itself. */
export interface DocSyncStatus {
  state: DocSyncState;
  reasonCode: SyncReasonCode | null;
  reason: string | null;
  /** `removed` only: when an owner erased the workspace from the relay (ms), when the relay said. */
  erasedAt?: number | null;
  /** Messages sent on the current socket and not yet acknowledged. */
  inFlight: number;
}

/** Where a connection gets its WebSocket tokens (RelayTokenSource). */
export interface RelayTokenProvider {
  /** A token valid for a while; fetched or refreshed when needed. */
  get(): Promise<string>;
  /** The relay refused the current token: the next `get` must fetch a new one. */
  invalidate(): void;
}
