/**
 * A workspace's calendar-and-mail connection on this device (Google or
 * Microsoft 365, one of the two per workspace: they give the same tool
 * names): connect by OAuth in the browser (OAuthClient: code + PKCE,
 * loopback redirect, grant in the keychain), test, disconnect (revoked at
 * Google; Microsoft has no revocation endpoint, so only the keychain entry
 * goes), and the tools registered while connected. The description
 * (provider, address, account, scopes) is in
 * `<workspace folder>/connectors/calendar-mail.json`, no credential in it:
 *   {"v":1,"kind":"google"|"microsoft","apiUrl":…,"oauth":OAuthProvider,"account":…,"scopes":…|null,"connectedAt":ms,"reconnect":null|"why"}
 * A 401 puts the connection in the reconnect state: calls fail fast until
 * someone connects again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../common/AppError';
import type { Logger } from '../../common/Logger';
import { connectorPermission, type ConnectorToolRegistry } from '../../agents/tools/ConnectorToolRegistry';
import { writeFileAtomic } from '../../storage/files/writeFileAtomic';
import { workspaceDir } from '../../storage/workspacePaths';
import { ConnectorReconnectError } from '../connectorErrors';
import type { OAuthClient } from '../oauth/OAuthClient';
import { parseOAuthProvider, reauthorizeInput, type OAuthProvider } from '../oauth/OAuthProvider';
import { calendarMailTools } from './calendarMailTools';
import { CALENDAR_MAIL_KINDS, CALENDAR_MAIL_PROVIDERS, calendarMailOAuthProvider, calendarMailService, type CalendarMailKind, type CalendarMailOAuthInput } from './calendarMailProviders';
import type { CalendarMailService } from './CalendarMailService';

export interface CalendarMailConnection {
  kind: CalendarMailKind;
  apiUrl: string;
  oauth: OAuthProvider;
  account: string;
  scopes: string | null;
  connectedAt: number;
  reconnect: string | null;
}

export interface CalendarMailStatus {
  kind: CalendarMailKind;
  state: 'connected' | 'reconnect' | 'none';
  reason: string | null;
  connection: CalendarMailConnection | null;
  permission: string;
  tools: { name: string; write: boolean }[];
}

export interface CalendarMailConnectorDeps {
  dataDir: string;
  oauth: OAuthClient;
  registry: ConnectorToolRegistry;
  now: () => number;
  log: Logger;
  maxRetryWaitMs?: number;
}

const fileSchema = z.object({
  v: z.literal(1),
  kind: z.enum(CALENDAR_MAIL_KINDS),
  apiUrl: z.string().url(),
  oauth: z.unknown().transform((o) => parseOAuthProvider(o)),
  account: z.string(),
  scopes: z.string().nullable(),
  connectedAt: z.number(),
  reconnect: z.string().nullable(),
});

export class CalendarMailConnector {
  constructor(private readonly deps: CalendarMailConnectorDeps) {}

  /** Registers the tools of `workspaceId` when it has a connection (its database just opened). */
  opened(workspaceId: string): void {
    const c = this.read(workspaceId);
    if (c !== null) this.register(workspaceId, c);
  }

  async status(workspaceId: string, kind: CalendarMailKind): Promise<CalendarMailStatus> {
    const c = this.read(workspaceId);
    const mine = c !== null && c.kind === kind ? c : null;
    const base = { kind, connection: mine, permission: connectorPermission(kind), tools: this.toolList(workspaceId, kind) };
    if (mine === null) return { ...base, state: 'none', reason: null };
    if (mine.reconnect !== null) return { ...base, state: 'reconnect', reason: mine.reconnect };
    const grant = await this.deps.oauth.status(workspaceId, kind);
    if (grant.state === 'reconnect') return { ...base, state: 'reconnect', reason: grant.reason };
    if (grant.state === 'none') return { ...base, state: 'reconnect', reason: 'its authorization is missing from the keychain' };
    return { ...base, state: 'connected', reason: null };
  }

  /** Connects by OAuth in the browser, then checks the grant against the API (a grant it refuses is not kept). */
  async addOAuth(workspaceId: string, kind: CalendarMailKind, apiUrl: string | undefined, input: CalendarMailOAuthInput): Promise<CalendarMailStatus> {
    const existing = this.read(workspaceId);
    if (existing !== null && existing.kind !== kind) {
      throw new ConflictError(`${CALENDAR_MAIL_PROVIDERS[existing.kind].name} is already this workspace's calendar and mail (both give the same tools): remove it first`);
    }
    const provider = calendarMailOAuthProvider(kind, input);
    const url = (apiUrl ?? CALENDAR_MAIL_PROVIDERS[kind].apiUrl).replace(/\/+$/, '');
    const grant = await this.deps.oauth.connect(workspaceId, kind, provider, { clientSecret: input.clientSecret });
    let account: string;
    try {
      account = await calendarMailService(kind, { apiUrl: url, token: () => this.deps.oauth.accessToken(workspaceId, kind, provider), onUnauthorized: async () => undefined, maxRetryWaitMs: 0 }).whoAmI();
    } catch (err) {
      await this.deps.oauth.disconnect(workspaceId, kind, provider);
      throw err;
    }
    const connection: CalendarMailConnection = { kind, apiUrl: url, oauth: provider, account, scopes: grant.state === 'connected' ? grant.scope : null, connectedAt: this.deps.now(), reconnect: null };
    this.write(workspaceId, connection);
    this.register(workspaceId, connection);
    return this.status(workspaceId, kind);
  }

  /** Checks the saved grant against the API (the account's address). */
  async test(workspaceId: string, kind: CalendarMailKind): Promise<{ account: string; scopes: string | null }> {
    const c = this.require(workspaceId, kind);
    return { account: await this.service(workspaceId, kind).whoAmI(), scopes: c.scopes };
  }

  /** Authorizes again in the browser with the same provider settings. */
  async rotate(workspaceId: string, kind: CalendarMailKind): Promise<CalendarMailStatus> {
    const c = this.require(workspaceId, kind);
    return this.addOAuth(workspaceId, kind, c.apiUrl, reauthorizeInput(c.oauth));
  }

  /** Disconnects: revokes at the provider where it can (Google), removes the keychain entry, the file and the tools. */
  async remove(workspaceId: string, kind: CalendarMailKind): Promise<{ removed: boolean; revoked: boolean; problem: string | null }> {
    const c = this.read(workspaceId);
    if (c === null || c.kind !== kind) return { removed: false, revoked: false, problem: null };
    const out = await this.deps.oauth.disconnect(workspaceId, kind, c.oauth);
    fs.rmSync(this.file(workspaceId), { force: true });
    this.deps.registry.unregister(workspaceId, kind);
    const problem = out.problem !== null && c.oauth.revocationEndpoint === null ? `${CALENDAR_MAIL_PROVIDERS[kind].name} has no revocation endpoint: only this device's keychain entry was removed; remove the app's access in the account's settings to end the grant there` : out.problem;
    return { removed: true, revoked: out.revoked, problem };
  }

  /** The service of `workspaceId`: its own address and grant, asked for at each request. */
  service(workspaceId: string, kind: CalendarMailKind): CalendarMailService {
    const c = this.require(workspaceId, kind);
    return calendarMailService(kind, {
      apiUrl: c.apiUrl,
      token: async () => {
        const now = this.require(workspaceId, kind);
        if (now.reconnect !== null) throw new ConnectorReconnectError(CALENDAR_MAIL_PROVIDERS[kind].name, now.reconnect);
        return this.deps.oauth.accessToken(workspaceId, kind, now.oauth);
      },
      onUnauthorized: async (reason) => {
        const now = this.read(workspaceId);
        if (now === null) return;
        this.write(workspaceId, { ...now, reconnect: reason });
        await this.deps.oauth.markReconnect(workspaceId, kind, reason);
        this.deps.log('warn', `${CALENDAR_MAIL_PROVIDERS[kind].name} refused the authorization of workspace ${workspaceId}: ${reason}`);
      },
      ...(this.deps.maxRetryWaitMs !== undefined ? { maxRetryWaitMs: this.deps.maxRetryWaitMs } : {}),
    });
  }

  private register(workspaceId: string, c: CalendarMailConnection): void {
    this.deps.registry.register(workspaceId, c.kind, calendarMailTools(workspaceId, c.kind, CALENDAR_MAIL_PROVIDERS[c.kind].name, () => this.service(workspaceId, c.kind)));
  }

  private toolList(workspaceId: string, kind: CalendarMailKind): { name: string; write: boolean }[] {
    return this.deps.registry
      .list(workspaceId)
      .filter((t) => t.connectorId === kind)
      .map((t) => ({ name: t.name, write: t.confirm !== undefined }));
  }

  private require(workspaceId: string, kind: CalendarMailKind): CalendarMailConnection {
    const c = this.read(workspaceId);
    if (c === null || c.kind !== kind) throw new NotFoundError(`${CALENDAR_MAIL_PROVIDERS[kind].name} is not connected in this workspace on this device`);
    return c;
  }

  private read(workspaceId: string): CalendarMailConnection | null {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(this.file(workspaceId), 'utf8')));
      if (!parsed.success) return null;
      const { v: _v, ...rest } = parsed.data;
      return rest;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || err instanceof SyntaxError) return null;
      throw err;
    }
  }

  private write(workspaceId: string, c: CalendarMailConnection): void {
    writeFileAtomic(this.file(workspaceId), Buffer.from(JSON.stringify({ v: 1, ...c }), 'utf8'));
  }

  private file(workspaceId: string): string {
    return path.join(workspaceDir(this.deps.dataDir, workspaceId), 'connectors', 'calendar-mail.json');
  }
}
