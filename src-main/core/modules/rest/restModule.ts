/**
 * REST connections (docs/connectors-rest.md): the `rest.*` channels, the
 * `rest` kind of `qwanyx connector …`, and the tools of each connection in
 * the connector tool registry (registered again when the workspace opens).
 * Connecting, rotating and removing need `connector.use`; testing, and a DH
 * using the tools for someone, need `connector.use:rest-<name>`; the list
 * shows the connections the person may use. An OAuth connection's sign-in
 * opens with the shell's `openExternal` and is announced (`rest.authorizing`)
 * so a window or the command line can show the address; `rest.oauthCancel`
 * (same permission as connecting) stops it.
 */
import { restChannels, restEvents } from '../../../common/contract/restChannels';
import { OAuthClient } from '../../../integrations/oauth/OAuthClient';
import { OAuthTokenVault } from '../../../integrations/oauth/OAuthTokenVault';
import type { ChannelOutput } from '../../../common/contract';
import { connectorPermission } from '../../../agents/tools/ConnectorToolRegistry';
import { RestConnector, type RestStatus } from '../../../integrations/rest/RestConnector';
import { parseRestSpec, SHIPPED_REST_SPECS, type RestSpec } from '../../../integrations/rest/RestSpec';
import { restConnectorId } from '../../../integrations/rest/restTools';
import { lastUsedOf } from '../../../agents/runtime/lastUsedOf';
import { lastUsedIso, type ConnectorLastUsed } from '../../../storage/connectors/ConnectorLastUsed';
import { ValidationError } from '../../../common/AppError';
import { defineModule } from '../../FeatureModule';
import { connectorToolsModule } from '../connectors/connectorToolsModule';
import { membersModule } from '../members/membersModule';

type View = ChannelOutput<'rest.list'>[number];

function viewOf(s: RestStatus, used: ConnectorLastUsed): View {
  const c = s.connection;
  return {
    name: c.name,
    connector: restConnectorId(c.name),
    service: c.spec.name,
    specSource: c.specSource,
    state: s.state,
    reason: s.reason,
    baseUrl: c.baseUrl,
    auth: c.auth.kind,
    header: c.auth.header,
    oauth: c.oauth ? { scopes: c.oauth.scopes, revocable: c.oauth.revocationEndpoint !== null } : null,
    permission: connectorPermission(restConnectorId(c.name)),
    tools: s.tools,
    connectedAt: c.connectedAt,
    lastUsedAt: lastUsedIso(used.of(restConnectorId(c.name))),
  };
}

export const restModule = defineModule({
  name: 'rest',
  channels: restChannels,
  events: restEvents,
  create: (ctx) => {
    const oauth = new OAuthClient({
      vault: new OAuthTokenVault(ctx.secrets),
      now: ctx.now,
      openUrl: async (url, flow) => {
        ctx.bus.emit('rest.authorizing', { workspaceId: flow.workspaceId, name: flow.connectorId.replace(/^rest-/, ''), url });
        await ctx.config.openExternal?.(url);
      },
    });
    const rest = new RestConnector({ dataDir: ctx.config.dataDir, secrets: ctx.secrets, oauth, registry: ctx.use(connectorToolsModule).registry, now: ctx.now, log: ctx.log });
    ctx.workspaces.observeHandles({
      opened: (handle) => {
        try {
          rest.opened(handle.id);
        } catch (err) {
          ctx.log('warn', `the REST connections of workspace ${handle.id} cannot be read`, err);
        }
      },
      closing: () => undefined,
    });
    return { rest, governance: ctx.use(membersModule).governance };
  },
  handlers: ({ rest, governance }, ctx) => {
    const open = (workspaceId: string): void => {
      ctx.workspaces.get(workspaceId);
      ctx.workspaces.handle(workspaceId);
    };
    const mayManage = (workspaceId: string): void => {
      open(workspaceId);
      governance.require(workspaceId, 'connector.use');
    };
    const mayUse = (workspaceId: string, name: string): void => {
      open(workspaceId);
      governance.require(workspaceId, connectorPermission(restConnectorId(name)));
    };
    const mayUseQuietly = (workspaceId: string, name: string): boolean => {
      try {
        governance.require(workspaceId, connectorPermission(restConnectorId(name)));
        return true;
      } catch {
        return false;
      }
    };
    const changed = (workspaceId: string): void => ctx.bus.emit('connector.changed', { workspaceId });
    const used = (workspaceId: string): ConnectorLastUsed => lastUsedOf(ctx.workspaces.handle(workspaceId));
    return {
      'rest.list': async (i) => {
        open(i.workspaceId);
        const all = await rest.list(i.workspaceId);
        return all.filter((s) => mayUseQuietly(i.workspaceId, s.connection.name)).map((s) => viewOf(s, used(i.workspaceId)));
      },
      'rest.add': async (i) => {
        mayManage(i.workspaceId);
        const spec: RestSpec = typeof i.spec === 'string' ? parseRestSpec(SHIPPED_REST_SPECS[i.spec], i.spec) : parseRestSpec(i.spec, i.specSource ?? 'given');
        const specSource = typeof i.spec === 'string' ? i.spec : (i.specSource ?? 'file');
        if (i.credentials.kind === 'oauth') {
          // A sign-in in the browser at the description's OAuth endpoints (RestConnector.addOAuth says when it names none).
          if (i.auth !== undefined && i.auth.kind !== 'oauth') throw new ValidationError(`The authentication is ${i.auth.kind}: give its keys, or choose OAuth`);
          const status = await rest.addOAuth(i.workspaceId, { name: i.name, baseUrl: i.baseUrl, spec, specSource, clientId: i.credentials.clientId, clientSecret: i.credentials.clientSecret });
          changed(i.workspaceId);
          return viewOf(status, used(i.workspaceId));
        }
        const auth = i.auth ?? (spec.auth ? { kind: spec.auth.kind, header: spec.auth.kind === 'header' ? spec.auth.header : null, prefix: spec.auth.kind === 'header' ? spec.auth.prefix : '' } : null);
        if (auth === null) throw new ValidationError(`The description ${spec.name} names no authentication: choose hmac, header or basic`);
        if (auth.kind === 'oauth') throw new ValidationError(`${spec.name} signs in by OAuth: give the client id of the OAuth app (--oauth --client-id ID), not keys`);
        const shape = auth.kind === 'header' ? { kind: auth.kind, header: auth.header ?? (spec.auth?.kind === 'header' ? spec.auth.header : 'X-Api-Key'), prefix: auth.prefix } : { kind: auth.kind, header: null, prefix: '' };
        const status = await rest.add(i.workspaceId, { name: i.name, baseUrl: i.baseUrl, spec, specSource, auth: shape, credentials: i.credentials });
        changed(i.workspaceId);
        return viewOf(status, used(i.workspaceId));
      },
      'rest.test': async (i) => {
        mayUse(i.workspaceId, i.name);
        try {
          await rest.test(i.workspaceId, i.name);
          return { ok: true, message: `${i.name} accepts the saved credentials.`, errorCode: null };
        } catch (err) {
          const e = err as { code?: unknown; message?: unknown };
          if (typeof e.code !== 'string' || typeof e.message !== 'string' || e.code === 'NOT_FOUND') throw err;
          changed(i.workspaceId);
          return { ok: false, message: e.message, errorCode: e.code };
        }
      },
      'rest.rotate': async (i) => {
        mayManage(i.workspaceId);
        if (i.credentials?.kind === 'oauth') throw new ValidationError('Rotating an OAuth connection signs in again with the same OAuth app: give no credentials');
        const status = i.credentials === undefined ? await rest.reauthorize(i.workspaceId, i.name) : await rest.rotate(i.workspaceId, i.name, i.credentials);
        changed(i.workspaceId);
        return viewOf(status, used(i.workspaceId));
      },
      'rest.remove': async (i) => {
        mayManage(i.workspaceId);
        const out = await rest.remove(i.workspaceId, i.name);
        changed(i.workspaceId);
        return out;
      },
      'rest.oauthCancel': (i) => {
        mayManage(i.workspaceId);
        return { cancelled: rest.cancelSignIn(i.workspaceId, i.name) };
      },
    };
  },
});
