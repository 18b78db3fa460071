/**
 * The connectors of a workspace on this device, live: the first-party ones
 * (`connector.list`, again on `connector.changed`) and the MCP servers
 * (`mcp.list`, again on `mcp.changed`, which also says when a server starts,
 * stops or fails), and the REST connections (`rest.list`, again on
 * `connector.changed`, which the `rest.*` channels announce too).
 */
import type { ChannelOutput, McpServerView } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useLiveValue, type LiveValue } from '../../lib/useLiveValue';

/** A first-party connection, without its credentials. */
export type ConnectorView = ChannelOutput<'connector.list'>[number];

/** A first-party connector: github, google, microsoft. */
export type ConnectorKind = ConnectorView['connector'];

export function useFirstPartyConnectors(workspaceId: string): LiveValue<ConnectorView[]> {
  return useLiveValue({ key: workspaceId, workspaceId, event: 'connector.changed', fetch: () => api.invoke('connector.list', { workspaceId }), what: 'the connectors' });
}

export function useMcpServers(workspaceId: string): LiveValue<McpServerView[]> {
  return useLiveValue({ key: workspaceId, workspaceId, event: 'mcp.changed', fetch: () => api.invoke('mcp.list', { workspaceId }), what: 'the MCP servers' });
}

export function useRestConnections(workspaceId: string): LiveValue<ChannelOutput<'rest.list'>> {
  return useLiveValue({ key: workspaceId, workspaceId, event: 'connector.changed', fetch: () => api.invoke('rest.list', { workspaceId }), what: 'the REST connections' });
}
