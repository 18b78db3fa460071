/** When each connector of an open workspace was last used on this device: one reader/writer per workspace handle, its statements prepared once. */
import { scopeKey } from '../../domain/ScopeKey';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { ConnectorLastUsed } from '../../storage/connectors/ConnectorLastUsed';

const LAST_USED = scopeKey<ConnectorLastUsed>('agents.connectorLastUsed');

/** The connectors' last use of an open workspace. */
export function lastUsedOf(handle: WorkspaceHandle): ConnectorLastUsed {
  return handle.scoped(LAST_USED, (h) => new ConnectorLastUsed(h.storage.db));
}
