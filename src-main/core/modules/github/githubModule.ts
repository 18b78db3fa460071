/**
 * The GitHub connector (docs/connectors-github.md): the `connector.*`
 * channels and `qwanyx connector …`, and the GitHub tools of each connected
 * workspace in the connector tool registry (registered again when the
 * workspace opens). Connecting, rotating and removing need `connector.use`;
 * testing needs `connector.use:<kind>`; listing (no credential in it) is
 * open to everyone in the workspace. An OAuth connection opens
 * the authorization page with the shell's `openExternal` (the desktop app's
 * safe external-open path) and announces it (`connector.authorizing`) so a
 * window or the command line can show the address too; `connector.oauthCancel`
 * (same permission as connecting) stops a sign-in that waits in the browser.
 */
import { connectorChannels, connectorEvents } from '../../../common/contract/connectorChannels';
import type { ChannelOutput } from '../../../common/contract';
import { OAuthClient } from '../../../integrations/oauth/OAuthClient';
import { OAuthTokenVault } from '../../../integrations/oauth/OAuthTokenVault';
import { GITHUB_API_URL, GITHUB_PERMISSION, GithubConnector, type GithubStatus } from '../../../integrations/github/GithubConnector';
import { CalendarMailConnector, type CalendarMailStatus } from '../../../integrations/calendarMail/CalendarMailConnector';
import { CALENDAR_MAIL_KINDS, type CalendarMailKind } from '../../../integrations/calendarMail/calendarMailProviders';
import { ValidationError } from '../../../common/AppError';
import { defineModule } from '../../FeatureModule';
import { GITHUB_CONNECTOR_ID } from '../../../integrations/github/githubTools';
import { lastUsedIso } from '../../../storage/connectors/ConnectorLastUsed';
import { lastUsedOf } from '../../../agents/runtime/lastUsedOf';
import { connectorToolsModule } from '../connectors/connectorToolsModule';
import { membersModule } from '../members/membersModule';
import { connectorCommand } from './connectorCommand';

type View = ChannelOutput<'connector.list'>[number];

function viewOf(s: GithubStatus, lastUsedAt: string | null): View {
  const c = s.connection;
  return {
    connector: 'github',
    state: s.state,
    reason: s.reason,
    apiUrl: c?.apiUrl ?? null,
    auth: c?.auth ?? null,
    account: c?.account ?? null,
    scopes: c?.scopes ?? null,
    permission: GITHUB_PERMISSION,
    tools: s.tools,
    connectedAt: c?.connectedAt ?? null,
    lastUsedAt,
  };
}

/** The view of a calendar-and-mail connection (Google, Microsoft 365: docs/connectors-calendar-mail.md). */
function calendarViewOf(s: CalendarMailStatus, lastUsedAt: string | null): View {
  const c = s.connection;
  return {
    connector: s.kind,
    state: s.state,
    reason: s.reason,
    apiUrl: c?.apiUrl ?? null,
    auth: c ? 'oauth' : null,
    account: c?.account ?? null,
    scopes: c?.scopes ?? null,
    permission: s.permission,
    tools: s.tools,
    connectedAt: c?.connectedAt ?? null,
    lastUsedAt,
  };
}

function calendarKind(connector: string): CalendarMailKind | null {
  return CALENDAR_MAIL_KINDS.find((k) => k === connector) ?? null;
}

export const githubModule = defineModule({
  name: 'github',
  channels: connectorChannels,
  events: connectorEvents,
  cli: [connectorCommand],
  create: (ctx) => {
    const oauth = new OAuthClient({
      vault: new OAuthTokenVault(ctx.secrets),
      now: ctx.now,
      openUrl: async (url, flow) => {
        ctx.bus.emit('connector.authorizing', { workspaceId: flow.workspaceId, connector: calendarKind(flow.connectorId) ?? 'github', url });
        await ctx.config.openExternal?.(url);
      },
    });
    const github = new GithubConnector({ dataDir: ctx.config.dataDir, secrets: ctx.secrets, oauth, registry: ctx.use(connectorToolsModule).registry, now: ctx.now, log: ctx.log });
    const calendarMail = new CalendarMailConnector({ dataDir: ctx.config.dataDir, oauth, registry: ctx.use(connectorToolsModule).registry, now: ctx.now, log: ctx.log });
    ctx.workspaces.observeHandles({
      opened: (handle) => {
        try {
          github.opened(handle.id);
        } catch (err) {
          ctx.log('warn', `the GitHub connection of workspace ${handle.id} cannot be read`, err);
        }
        try {
          calendarMail.opened(handle.id);
        } catch (err) {
          ctx.log('warn', `the calendar and mail connection of workspace ${handle.id} cannot be read`, err);
        }
      },
      closing: () => undefined,
    });
    return { github, calendarMail, oauth, governance: ctx.use(membersModule).governance };
  },
  handlers: ({ github, calendarMail, oauth, governance }, ctx) => {
    const mayManage = (workspaceId: string): void => {
      ctx.workspaces.get(workspaceId);
      governance.require(workspaceId, 'connector.use');
    };
    const mayUse = (workspaceId: string, connector = 'github'): void => {
      ctx.workspaces.get(workspaceId);
      governance.require(workspaceId, connector === 'github' ? GITHUB_PERMISSION : `connector.use:${connector}`);
    };
    const changed = (workspaceId: string): void => ctx.bus.emit('connector.changed', { workspaceId });
    const usedAt = (workspaceId: string, connector: string): string | null => lastUsedIso(lastUsedOf(ctx.workspaces.handle(workspaceId)).of(connector));
    return {
      'connector.list': async (i) => {
        // What is connected, never a credential: everyone in the workspace may see it (as for mcp.list), so a
        // role without a connector's permission sees a read-only card rather than an error.
        ctx.workspaces.get(i.workspaceId);
        const used = lastUsedOf(ctx.workspaces.handle(i.workspaceId)).all();
        const calendars = await Promise.all(CALENDAR_MAIL_KINDS.map((k) => calendarMail.status(i.workspaceId, k)));
        return [
          viewOf(await github.status(i.workspaceId), lastUsedIso(used.get(GITHUB_CONNECTOR_ID))),
          ...calendars.filter((c) => c.state !== 'none').map((c) => calendarViewOf(c, lastUsedIso(used.get(c.kind)))),
        ];
      },
      'connector.add': async (i) => {
        mayManage(i.workspaceId);
        ctx.workspaces.handle(i.workspaceId);
        const kind = calendarKind(i.connector);
        if (kind !== null) {
          if (i.auth.kind !== 'oauth') throw new ValidationError(`${kind} connects by OAuth in the browser (--oauth --client-id ID), not with a token`);
          const { kind: _k, ...oauthInput } = i.auth;
          const status = await calendarMail.addOAuth(i.workspaceId, kind, i.apiUrl, oauthInput);
          changed(i.workspaceId);
          return calendarViewOf(status, usedAt(i.workspaceId, kind));
        }
        const apiUrl = (i.apiUrl ?? GITHUB_API_URL).replace(/\/+$/, '');
        const auth = i.auth;
        const status =
          auth.kind === 'token' ? await github.addToken(i.workspaceId, apiUrl, auth.token) : await github.addOAuth(i.workspaceId, apiUrl, auth);
        changed(i.workspaceId);
        return viewOf(status, usedAt(i.workspaceId, GITHUB_CONNECTOR_ID));
      },
      'connector.test': async (i) => {
        mayUse(i.workspaceId, i.connector);
        ctx.workspaces.handle(i.workspaceId);
        try {
          const kind = calendarKind(i.connector);
          if (kind !== null) {
            const who = await calendarMail.test(i.workspaceId, kind);
            return { ok: true, message: `${i.connector === 'google' ? 'Google' : 'Microsoft 365'} accepts the authorization of ${who.account}.`, account: who.account, scopes: who.scopes, errorCode: null };
          }
          const who = await github.test(i.workspaceId);
          return { ok: true, message: `GitHub accepts the credentials of ${who.account}${who.scopes ? ` (scopes: ${who.scopes})` : ''}.`, account: who.account, scopes: who.scopes, errorCode: null };
        } catch (err) {
          const e = err as { code?: unknown; message?: unknown };
          if (typeof e.code !== 'string' || typeof e.message !== 'string') throw err;
          changed(i.workspaceId);
          return { ok: false, message: e.message, account: null, scopes: null, errorCode: e.code };
        }
      },
      'connector.rotate': async (i) => {
        mayManage(i.workspaceId);
        ctx.workspaces.handle(i.workspaceId);
        const kind = calendarKind(i.connector);
        if (kind !== null && i.token !== undefined) throw new ValidationError(`${kind} connects by OAuth only: rotate authorizes again in the browser`);
        const view =
          kind !== null
            ? calendarViewOf(await calendarMail.rotate(i.workspaceId, kind), usedAt(i.workspaceId, kind))
            : viewOf(await github.rotate(i.workspaceId, i.token ?? null), usedAt(i.workspaceId, GITHUB_CONNECTOR_ID));
        changed(i.workspaceId);
        return view;
      },
      'connector.remove': async (i) => {
        mayManage(i.workspaceId);
        ctx.workspaces.handle(i.workspaceId);
        const kind = calendarKind(i.connector);
        const out = kind !== null ? await calendarMail.remove(i.workspaceId, kind) : await github.remove(i.workspaceId);
        changed(i.workspaceId);
        return out;
      },
      'connector.oauthCancel': (i) => {
        mayManage(i.workspaceId);
        return { cancelled: oauth.cancel(i.workspaceId, i.connector) };
      },
    };
  },
});
