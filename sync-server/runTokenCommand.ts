/**
 * `relay token --workspace <id> --user <email> --role <role>`: the operator's
 * way in. Opens the relay's accounts (`accounts.db`, where the relay may be
 * running: WAL and a busy timeout make that safe; or PostgreSQL when
 * `RELAY_DATABASE_URL` is set), registers the workspace and the user when
 * missing, gives the user that role, and returns a token signed with the
 * relay's secret. A running relay sees a changed role at the member's next
 * connection.
 */
import type { RelayRole } from '../src-main/common/relayWire';
import { WorkspaceService } from './accounts/WorkspaceService';
import type { ClusterConfig } from './cluster/clusterConfig';
import type { RelayConfig } from './config';
import { createLogger } from './createLogger';
import { ensureDataDir, openAccountStores, resolveSecret } from './openRelayStores';

/** Mints a token as the admin command does; the relay's stores are opened and closed around it. */
export async function runTokenCommand(
  config: RelayConfig,
  input: { workspaceId: string; email: string; role: RelayRole },
  cluster: Pick<ClusterConfig, 'databaseUrl' | 'databasePoolSize'> = { databasePoolSize: 2 },
): Promise<string> {
  ensureDataDir(config.dataDir);
  const { secret } = resolveSecret(config);
  const stores = await openAccountStores(config.dataDir, cluster, 'qwanyx-relay-token');
  try {
    const service = new WorkspaceService({
      accounts: stores.accounts,
      workspaces: stores.workspaces,
      secret,
      tokenTtlSeconds: config.tokenTtlSeconds,
      // No live connections in this process: a running relay re-checks roles when members connect.
      listener: { roleChanged: () => undefined, memberRemoved: () => undefined, workspaceErased: () => undefined },
      logger: createLogger('silent'),
    });
    return await service.mintToken(input);
  } finally {
    await stores.close();
  }
}
