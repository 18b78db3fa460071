/** What the sync service (SyncService.ts) is built from, wired by hand in core/. */
import type { Awareness } from 'y-protocols/awareness';
import type { WorkspaceSyncStatus } from '../common/contract';
import type { Logger } from '../common/Logger';
import type { SecretStore } from '../secrets/SecretStore';
import type { AppRegistry } from '../storage/AppRegistry';
import type { BackoffOptions } from '../sync/backoffDelay';
import type { RelayAccountService } from './RelayAccountService';
import type { WorkspaceService } from './WorkspaceService';

/** The constructor argument of `SyncService`. */
export interface SyncServiceDeps {
  registry: AppRegistry;
  workspaces: WorkspaceService;
  accounts: RelayAccountService;
  secrets: SecretStore;
  now: () => number;
  /** Pushes a workspace's new status to the shells (coalesced, only when it changed). */
  emit: (status: WorkspaceSyncStatus) => void;
  log: Logger;
  /** Connect every linked workspace at start-up. */
  autoConnect: boolean;
  backoff?: BackoffOptions;
  random?: () => number;
  silenceTimeoutMs?: number;
  /** How long accepting an invitation waits for the workspace's settings to arrive. */
  acceptWaitMs?: number;
  /** The presence (awareness) of a workspace, carried while it syncs. */
  awarenessFor?: (workspaceId: string) => Awareness;
}
