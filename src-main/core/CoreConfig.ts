/** What a shell gives the core to build it (parsed by `createCore`, which fails fast on a bad value). */
import type { AppInfo } from '../common/contract';
import type { Logger } from '../common/Logger';
import type { AgentRuntimeOptions } from '../agents/runtime/AgentRuntimeOptions';
import type { Embedder } from '../domain/memory/Embedder';
import type { SecretStore } from '../secrets/SecretStore';
import type { BackoffOptions } from '../sync/backoffDelay';

export interface CoreConfig {
  dataDir: string;
  secretStore: SecretStore;
  shell: AppInfo['shell'];
  /** Path of a better_sqlite3.node built for Electron; the package's own build otherwise. */
  nativeBinding?: string;
  log?: Logger;
  now?: () => number;
  newId?: () => string;
  /** Updates per doc before automatic compaction. */
  compactEvery?: number;
  sync?: CoreSyncConfig;
  /** Agent runtime settings (tests shorten the claim wait and the retries). */
  agents?: Partial<AgentRuntimeOptions>;
  /** The embeddings model of a workspace for memory recall; default: the workspace's model provider. */
  embedderFor?: (workspaceId: string) => Embedder | null;
  /** Opens an address in the person's browser (an OAuth authorization); shells without one leave it out and show the address instead. */
  openExternal?: (url: string) => void | Promise<void>;
  /**
   * Shows the shell's own open dialog for a workspace export and gives the
   * path picked (null: cancelled). Only the desktop app has one; a window
   * never names a path itself (docs/export.md).
   */
  pickImportFile?: () => Promise<string | null>;
}

/** How the core syncs linked workspaces with their relays. */
export interface CoreSyncConfig {
  /** Connect every linked workspace at start-up (default true; the CLI connects on demand). */
  autoConnect?: boolean;
  /** Reconnection backoff bounds. */
  backoff?: BackoffOptions;
  /** A socket silent this long is presumed dead. */
  silenceTimeoutMs?: number;
  /** How long accepting an invitation waits for the workspace to sync down. */
  acceptWaitMs?: number;
  /** Milliseconds before a relay HTTP request gives up. */
  requestTimeoutMs?: number;
}
