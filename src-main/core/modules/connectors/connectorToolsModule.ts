/**
 * The tools connectors give digital humans (ConnectorToolRegistry): one
 * registry for the core, per workspace. Connector modules (MCP servers,
 * GitHub…) come after this one in the module list and register their tools
 * in it; the agent runtime's gate sees them beside the built-in tools.
 * A workspace's tools go when its database closes (its connectors register
 * them again when it opens). It also owns when each connector was last
 * used on this device (`connector_last_used`, migration 12: the gate writes
 * it with each call's audit entry, the connector lists read it).
 */
import { ConnectorToolRegistry } from '../../../agents/tools/ConnectorToolRegistry';
import { connectorUseMigration } from '../../../storage/connectors/connectorUseMigration';
import { defineModule } from '../../FeatureModule';

export const connectorToolsModule = defineModule({
  name: 'connectorTools',
  channels: {},
  events: {},
  migrations: [connectorUseMigration],
  create: (ctx) => {
    const registry = new ConnectorToolRegistry();
    ctx.workspaces.observeHandles({ opened: () => undefined, closing: (id) => registry.clear(id) });
    return { registry };
  },
  handlers: () => ({}),
});
