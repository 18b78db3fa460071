/**
 * MCP servers per workspace on this device (docs/connectors-mcp.md): the
 * `mcp.*` channels and `qwanyx mcp …`, the servers' processes (stopped when
 * their workspace closes and when the core closes), and their tools given
 * to digital humans through the connector tool registry. Adding, removing
 * and stopping a server needs `connector.use`; listing its tools or calling
 * one needs `connector.use:mcp-<name>`. Signing in to a server added with
 * OAuth (and cancelling that sign-in) needs `connector.use`, like adding it;
 * the page opens with the shell's `openExternal` and `mcp.authorizing`
 * carries its address for a window or the command line.
 */
import { lastUsedOf } from '../../../agents/runtime/lastUsedOf';
import { lastUsedIso } from '../../../storage/connectors/ConnectorLastUsed';
import { mcpChannels, mcpEvents } from '../../../common/contract';
import { connectorPermission } from '../../../agents/tools/ConnectorToolRegistry';
import { McpService } from '../../../integrations/mcp/McpService';
import { mcpConnectorId } from '../../../integrations/mcp/mcpAgentTools';
import { defineModule } from '../../FeatureModule';
import { auditModule } from '../audit/auditModule';
import { membersModule } from '../members/membersModule';
import { connectorToolsModule } from './connectorToolsModule';
import { mcpCommand } from './mcpCommand';

export const mcpModule = defineModule({
  name: 'mcp',
  channels: mcpChannels,
  events: mcpEvents,
  cli: [mcpCommand],
  create: (ctx) => {
    const { registry } = ctx.use(connectorToolsModule);
    const audit = ctx.use(auditModule);
    const mcp = new McpService({
      dataDir: ctx.config.dataDir,
      secrets: ctx.secrets,
      registry,
      userId: () => ctx.profile.get().userId,
      audit: (workspaceId, entry) => audit.record(workspaceId, entry),
      changed: (workspaceId) => ctx.bus.emit('mcp.changed', { workspaceId }),
      lastUsedAt: (workspaceId, connectorId) => lastUsedIso(lastUsedOf(ctx.workspaces.handle(workspaceId)).of(connectorId)),
      log: ctx.log,
      now: ctx.now,
      openUrl: async (url, flow) => {
        ctx.bus.emit('mcp.authorizing', { workspaceId: flow.workspaceId, name: flow.name, url });
        await ctx.config.openExternal?.(url);
      },
    });
    registry.addPreparer((workspaceId) => mcp.prepare(workspaceId));
    ctx.workspaces.observeHandles({
      opened: (handle) => {
        try {
          mcp.registerKnown(handle.id);
        } catch (err) {
          ctx.log('warn', `the MCP servers of workspace ${handle.id} cannot be read`, err);
        }
      },
      closing: (id) => void mcp.closeWorkspace(id),
    });
    return { mcp, governance: ctx.use(membersModule).governance };
  },
  handlers: ({ mcp, governance }, ctx) => {
    const known = (workspaceId: string): void => void ctx.workspaces.get(workspaceId);
    const mayUse = (workspaceId: string, name: string): void => {
      known(workspaceId);
      governance.require(workspaceId, connectorPermission(mcpConnectorId(name)));
    };
    const mayManage = (workspaceId: string): void => {
      known(workspaceId);
      governance.require(workspaceId, 'connector.use');
    };
    return {
      'mcp.list': (i) => {
        known(i.workspaceId);
        return mcp.list(i.workspaceId);
      },
      'mcp.status': (i) => {
        known(i.workspaceId);
        return mcp.status(i.workspaceId, i.name);
      },
      'mcp.add': async (i) => {
        mayManage(i.workspaceId);
        return mcp.add(i);
      },
      'mcp.remove': async (i) => {
        mayManage(i.workspaceId);
        await mcp.remove(i.workspaceId, i.name);
        return { name: i.name };
      },
      'mcp.restart': async (i) => {
        mayUse(i.workspaceId, i.name);
        return mcp.restart(i.workspaceId, i.name);
      },
      'mcp.stop': async (i) => {
        mayUse(i.workspaceId, i.name);
        return mcp.stop(i.workspaceId, i.name);
      },
      'mcp.signIn': async (i) => {
        mayManage(i.workspaceId);
        return mcp.signIn(i.workspaceId, i.name);
      },
      'mcp.signInCancel': (i) => {
        mayManage(i.workspaceId);
        return { cancelled: mcp.cancelSignIn(i.workspaceId, i.name) };
      },
      'mcp.tools': async (i) => {
        mayUse(i.workspaceId, i.name);
        return mcp.tools(i.workspaceId, i.name);
      },
      'mcp.call': async (i) => {
        mayUse(i.workspaceId, i.name);
        const result = await mcp.call(i.workspaceId, i.name, i.tool, i.arguments);
        return { isError: result.isError === true, content: result.content, ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}) };
      },
    };
  },
  close: ({ mcp }) => mcp.close(),
});
