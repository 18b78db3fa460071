/**
 * The tools connectors give digital humans (ConnectorToolRegistry): one
 * registry for the core, per workspace. Connector modules (MCP servers,
 * GitHub…) come after this one in the module list and register their tools
 * in it; the agent runtime's gate sees them beside the built-in tools.
 * A workspace's tools go when its database closes (its connectors register
 * them again when it opens).
 */
import { ConnectorToolRegistry } from '../../../agents/tools/ConnectorToolRegistry';
import { defineModule } from '../../FeatureModule';

export const connectorToolsModule = defineModule({
  name: 'connectorTools',
  channels: {},
  events: {},
  create: (ctx) => {
    const registry = new ConnectorToolRegistry();
    ctx.workspaces.observeHandles({ opened: () => undefined, closing: (id) => registry.clear(id) });
    return { registry };
  },
  handlers: () => ({}),
});
