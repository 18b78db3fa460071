/**
 * The MCP servers of every workspace on this device (docs/connectors-mcp.md):
 * their configuration (McpServerStore, device-local), their secrets (the
 * keychain, namespace = the workspace id, keys `mcp.<server>.env.<NAME>` and
 * `mcp.<server>.header.<Name>`), the running connections, and their tools
 * in the ConnectorToolRegistry under the connector id `mcp-<server>`, so
 * the workspace's digital humans call them through the gate.
 *
 * A Streamable HTTP server added with OAuth signs in in the system browser
 * (`signIn`, mcpOAuthSignIn.ts: the MCP SDK's discovery, registration and
 * PKCE through McpOAuthProvider); its grant is in the keychain
 * (`connector:mcp-<server>:oauth`, its client `mcp.<server>.oauth.client`),
 * renewed before it expires, and a refused renewal leaves it "needs sign-in".
 *
 * Servers start lazily: on the first tool call, on `tools`, or before a
 * digital human's turn when their tool list is not known yet (`prepare`).
 * They stop when their workspace closes and when the core closes.
 */
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AppError, ConflictError, KeychainUnavailableError, NotFoundError, ValidationError } from '../../common/AppError';
import { MCP_DEFAULT_CALL_TIMEOUT_MS, type McpAddInput, type McpServerView, type McpToolView } from '../../common/contract/mcpChannels';
import type { Logger } from '../../common/Logger';
import type { AuditInput } from '../../domain/audit/AuditService';
import type { ConnectorToolRegistry } from '../../agents/tools/ConnectorToolRegistry';
import { connectorPermission } from '../../agents/tools/ConnectorToolRegistry';
import type { SecretStore } from '../../secrets/SecretStore';
import { McpServerStore, type McpServerRecord } from '../../storage/connectors/McpServerStore';
import { OAuthTokenVault } from '../oauth/OAuthTokenVault';
import type { LoopbackRedirect } from '../oauth/LoopbackRedirect';
import { McpConnection, type McpSecrets } from './McpConnection';
import { McpOAuthProvider, mcpOAuthGrantId, mcpOAuthView } from './McpOAuthProvider';
import { signInMcpServer } from './mcpOAuthSignIn';
import { mcpAgentTools, mcpConnectorId, mcpToolViews } from './mcpAgentTools';

export interface McpServiceDeps {
  dataDir: string;
  secrets: SecretStore;
  registry: ConnectorToolRegistry;
  /** Who acts on this device (the audit's actor of `add`, `remove`, `call`). */
  userId: () => string;
  audit: (workspaceId: string, entry: AuditInput) => void;
  /** Told when a workspace's servers or their status change. */
  changed: (workspaceId: string) => void;
  /** When a server's tools (connector id `mcp-<server>`) last passed the gate on this device (ISO 8601); none: never known. */
  lastUsedAt?: (workspaceId: string, connectorId: string) => string | null;
  log: Logger;
  now: () => number;
  /** Longest wait for a server to start (default 20 s). */
  startTimeoutMs?: number;
  /** Opens an OAuth sign-in page in the person's browser (the app's safe external-open path) and announces it. */
  openUrl?: (url: string, flow: { workspaceId: string; name: string }) => void | Promise<void>;
  /** Renew an OAuth access token when it has less than this left (default 60 s). */
  refreshMarginMs?: number;
  /** How long a sign-in waits for the browser (default 5 minutes). */
  signInTimeoutMs?: number;
}

const secretKey = (server: string, kind: 'env' | 'header', name: string): string => `mcp.${server}.${kind}.${name}`;

export class McpService {
  private readonly connections = new Map<string, McpConnection>();
  private readonly records = new Map<string, McpServerRecord[]>();
  /** OAuth sign-ins waiting for the browser, by server key: what `cancelSignIn` closes. */
  private readonly signingIn = new Map<string, LoopbackRedirect>();
  private readonly vault: OAuthTokenVault;

  constructor(private readonly deps: McpServiceDeps) {
    this.vault = new OAuthTokenVault(deps.secrets);
  }

  /** The servers of `workspaceId` with their status. */
  async list(workspaceId: string): Promise<McpServerView[]> {
    return Promise.all(this.load(workspaceId).map((r) => this.view(workspaceId, r)));
  }

  /** One server with its status. */
  async status(workspaceId: string, name: string): Promise<McpServerView> {
    return this.view(workspaceId, this.record(workspaceId, name));
  }

  /**
   * Signs in to a server added with OAuth, in the system browser; the grant
   * goes to the keychain. The server stops first and starts with the new
   * grant when next used. Throws what went wrong (nothing is saved then).
   */
  async signIn(workspaceId: string, name: string): Promise<McpServerView> {
    const record = this.record(workspaceId, name);
    if (record.transport !== 'http' || record.oauth === null) {
      throw new ValidationError(`The MCP server ${name} was not added with OAuth; remove it and add it again with --oauth to sign in`);
    }
    const keychain = await this.deps.secrets.status();
    if (!keychain.available) throw new KeychainUnavailableError(`No keychain on this device, so the sign-in to ${name} cannot be kept safely; nothing was done`);
    const key = this.key(workspaceId, name);
    await this.stop(workspaceId, name);
    this.connections.delete(key);
    const openUrl = this.deps.openUrl;
    try {
      await signInMcpServer({
        serverUrl: new URL(record.url ?? ''),
        secrets: this.deps.secrets,
        vault: this.vault,
        workspaceId,
        server: name,
        settings: record.oauth,
        now: this.deps.now,
        discovered: (found) => this.discovered(workspaceId, name, found),
        openUrl: (url) => (openUrl ? openUrl(url, { workspaceId, name }) : undefined),
        ...(this.deps.signInTimeoutMs !== undefined ? { timeoutMs: this.deps.signInTimeoutMs } : {}),
        waiting: (redirect) => {
          const previous = this.signingIn.get(key);
          if (redirect === null) {
            this.signingIn.delete(key);
            return;
          }
          // A second sign-in of the same server replaces the first (the person clicked again).
          if (previous !== undefined && previous !== redirect) previous.close('A newer sign-in of this MCP server replaced this one.');
          this.signingIn.set(key, redirect);
        },
      });
    } catch (err) {
      this.audit(workspaceId, 'mcp.signin', name, 'failed', err instanceof Error ? err.message.slice(0, 600) : String(err));
      this.deps.changed(workspaceId);
      throw err;
    }
    this.audit(workspaceId, 'mcp.signin', name, 'allowed', record.url ?? '');
    this.deps.changed(workspaceId);
    return this.status(workspaceId, name);
  }

  /** Cancels the sign-in of `name` that waits for the browser; false when none waits. */
  cancelSignIn(workspaceId: string, name: string): boolean {
    const key = this.key(workspaceId, name);
    const redirect = this.signingIn.get(key);
    if (redirect === undefined) return false;
    this.signingIn.delete(key);
    redirect.close('The sign-in was cancelled: nothing was saved. Sign in again when you are ready.');
    return true;
  }

  /** Adds a server (not started). Secret values go to the keychain first: without a keychain, a server with secrets is refused. */
  async add(input: McpAddInput): Promise<McpServerView> {
    const { workspaceId, name } = input;
    const records = this.load(workspaceId);
    if (records.some((r) => r.name === name)) throw new ConflictError(`This workspace already has an MCP server named ${name}; remove it first or pick another name`);
    const oauth = input.transport === 'http' ? (input.oauth ?? null) : null;
    if (oauth !== null && input.transport === 'http' && input.headers.some((h) => h.name.toLowerCase() === 'authorization')) {
      throw new ValidationError('A server that signs in with OAuth gets its Authorization header from the sign-in: leave out --header Authorization');
    }
    const secrets: [string, string][] =
      input.transport === 'http'
        ? input.headers.map((h) => [secretKey(name, 'header', h.name), h.value])
        : input.env.filter((e) => e.secret).map((e) => [secretKey(name, 'env', e.name), e.value]);
    if (secrets.length > 0 || oauth !== null) {
      const keychain = await this.deps.secrets.status();
      if (!keychain.available) throw new KeychainUnavailableError(`No keychain on this device, so the secret values of ${name} cannot be stored safely; nothing was saved`);
      for (const [key, value] of secrets) await this.deps.secrets.set(workspaceId, key, value);
    }
    const record: McpServerRecord = {
      name,
      transport: input.transport,
      command: input.transport === 'stdio' ? input.command : null,
      args: input.transport === 'stdio' ? input.args : [],
      url: input.transport === 'http' ? input.url : null,
      env: input.transport === 'stdio' ? input.env.map((e) => ({ name: e.name, value: e.secret ? null : e.value, secret: e.secret })) : [],
      headers: input.transport === 'http' ? input.headers.map((h) => h.name) : [],
      callTimeoutMs: input.callTimeoutMs ?? MCP_DEFAULT_CALL_TIMEOUT_MS,
      createdAt: this.deps.now(),
      tools: null,
      oauth: oauth === null ? null : { clientId: oauth.clientId ?? null, scope: oauth.scope ?? null, authorizationServerUrl: null, resourceMetadataUrl: null },
    };
    this.save(workspaceId, [...records, record]);
    const target = record.transport === 'stdio' ? `${record.command} ${record.args.join(' ')}`.trim() : (record.url ?? '');
    this.audit(workspaceId, 'mcp.add', name, 'allowed', `${record.transport}: ${target}${record.oauth ? ' (OAuth)' : ''}`.slice(0, 600));
    this.deps.changed(workspaceId);
    return this.view(workspaceId, record);
  }

  /** Stops a server and forgets it: its configuration, its secrets, its tools. */
  async remove(workspaceId: string, name: string): Promise<void> {
    this.record(workspaceId, name);
    await this.stop(workspaceId, name);
    this.connections.delete(this.key(workspaceId, name));
    const prefix = `mcp.${name}.`;
    const keychain = await this.deps.secrets.status();
    if (keychain.available) {
      for (const key of await this.deps.secrets.keys(workspaceId)) if (key.startsWith(prefix)) await this.deps.secrets.delete(workspaceId, key);
      await this.vault.remove(workspaceId, mcpOAuthGrantId(name));
    }
    this.cancelSignIn(workspaceId, name);
    this.save(
      workspaceId,
      this.load(workspaceId).filter((r) => r.name !== name),
    );
    this.deps.registry.unregister(workspaceId, mcpConnectorId(name));
    this.audit(workspaceId, 'mcp.remove', name, 'allowed', '');
    this.deps.changed(workspaceId);
  }

  /** Starts the server again (stopping it first when it runs); its status after. */
  async restart(workspaceId: string, name: string): Promise<McpServerView> {
    await this.stop(workspaceId, name);
    try {
      await this.tools(workspaceId, name);
    } catch (err) {
      // The failure is the answer: it is in the status returned (failed, with the error).
      this.deps.log('info', `MCP server ${name} did not restart`, err);
    }
    return this.status(workspaceId, name);
  }

  /** Stops the server; it starts again when next used. */
  async stop(workspaceId: string, name: string): Promise<McpServerView> {
    const record = this.record(workspaceId, name);
    await this.connections.get(this.key(workspaceId, name))?.stop();
    return await this.view(workspaceId, record);
  }

  /** Starts the server if needed, lists its tools, remembers them and gives them to the workspace's digital humans. */
  async tools(workspaceId: string, name: string): Promise<McpToolView[]> {
    const record = this.record(workspaceId, name);
    const views = mcpToolViews(name, await this.connection(workspaceId, record).listTools());
    this.save(
      workspaceId,
      this.load(workspaceId).map((r) => (r.name === name ? { ...r, tools: views } : r)),
    );
    this.register(workspaceId, { ...record, tools: views });
    return views;
  }

  /** A person calls a tool (by its name on the server or its `mcp_…` name); audited. */
  async call(workspaceId: string, name: string, tool: string, args: Record<string, unknown>): Promise<CallToolResult> {
    const record = this.record(workspaceId, name);
    const mcpName = record.tools?.find((t) => t.name === tool)?.mcpName ?? tool;
    const detail = `${mcpName} ${JSON.stringify(args)}`.slice(0, 600);
    try {
      const result = await this.connection(workspaceId, record).call(mcpName, args);
      this.audit(workspaceId, 'mcp.call', name, result.isError === true ? 'failed' : 'allowed', detail);
      return result;
    } catch (err) {
      this.audit(workspaceId, 'mcp.call', name, 'failed', `${detail}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 900));
      throw err;
    }
  }

  /** Gives the workspace's digital humans the tools of its servers as last listed (none started). */
  registerKnown(workspaceId: string): void {
    for (const record of this.load(workspaceId)) if (record.tools) this.register(workspaceId, record);
  }

  /** Lists the tools of the servers whose tools are not known yet (before a digital human's turn); failures stay in their status. */
  async prepare(workspaceId: string): Promise<void> {
    const unknown = this.load(workspaceId).filter((r) => r.tools === null && this.connections.get(this.key(workspaceId, r.name))?.status !== 'failed');
    await Promise.all(
      unknown.map((r) =>
        this.tools(workspaceId, r.name).catch((err: unknown) => this.deps.log('warn', `MCP server ${r.name} could not list its tools`, err)),
      ),
    );
  }

  /** Stops every server of `workspaceId` and forgets what was loaded of it (it closed or was deleted). */
  async closeWorkspace(workspaceId: string): Promise<void> {
    const prefix = `${workspaceId}/`;
    const closing = [...this.connections].filter(([key]) => key.startsWith(prefix));
    for (const [key] of closing) this.connections.delete(key);
    this.records.delete(workspaceId);
    await Promise.all(closing.map(([, c]) => c.stop().catch((err: unknown) => this.deps.log('warn', 'stopping an MCP server failed', err))));
  }

  /** Stops every server (the core is closing). */
  async close(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    this.records.clear();
    await Promise.all(all.map((c) => c.stop().catch((err: unknown) => this.deps.log('warn', 'stopping an MCP server failed', err))));
  }

  private register(workspaceId: string, record: McpServerRecord): void {
    const tools = mcpAgentTools(record.name, record.tools ?? [], (_ctx, mcpName, args) => this.connection(workspaceId, this.record(workspaceId, record.name)).call(mcpName, args));
    try {
      this.deps.registry.register(workspaceId, mcpConnectorId(record.name), tools);
    } catch (err) {
      this.deps.log('warn', `the tools of MCP server ${record.name} cannot be given to digital humans`, err);
    }
  }

  private connection(workspaceId: string, record: McpServerRecord): McpConnection {
    const key = this.key(workspaceId, record.name);
    let connection = this.connections.get(key);
    if (!connection) {
      connection = new McpConnection({
        record,
        workspaceId,
        secrets: () => this.secretsOf(workspaceId, record),
        ...(record.oauth !== null
          ? {
              authProvider: new McpOAuthProvider({
                secrets: this.deps.secrets,
                vault: this.vault,
                workspaceId,
                server: record.name,
                settings: record.oauth,
                now: this.deps.now,
                discovered: (found) => this.discovered(workspaceId, record.name, found),
                ...(this.deps.refreshMarginMs !== undefined ? { refreshMarginMs: this.deps.refreshMarginMs } : {}),
              }),
            }
          : {}),
        logFile: this.logFile(workspaceId, record.name),
        startTimeoutMs: this.deps.startTimeoutMs ?? 20_000,
        onStatus: () => this.deps.changed(workspaceId),
        log: this.deps.log,
      });
      this.connections.set(key, connection);
    }
    return connection;
  }

  private async secretsOf(workspaceId: string, record: McpServerRecord): Promise<McpSecrets> {
    const secrets: McpSecrets = { env: {}, headers: {} };
    const wanted = [...record.env.filter((e) => e.secret).map((e) => ['env', e.name] as const), ...record.headers.map((h) => ['header', h] as const)];
    for (const [kind, name] of wanted) {
      const value = await this.deps.secrets.get(workspaceId, secretKey(record.name, kind, name));
      if (value === null) throw new AppError('NOT_CONFIGURED', `The secret ${kind === 'env' ? 'environment variable' : 'header'} ${name} of MCP server ${record.name} is missing from this device's keychain; remove the server and add it again`);
      if (kind === 'env') secrets.env[name] = value;
      else secrets.headers[name] = value;
    }
    return secrets;
  }

  /** Keeps where discovery found the authorization server, so later processes skip discovery. */
  private discovered(workspaceId: string, name: string, found: { authorizationServerUrl: string; resourceMetadataUrl: string | null }): void {
    const record = this.load(workspaceId).find((r) => r.name === name);
    if (!record?.oauth) return;
    if (record.oauth.authorizationServerUrl === found.authorizationServerUrl && record.oauth.resourceMetadataUrl === found.resourceMetadataUrl) return;
    const oauth = { ...record.oauth, ...found };
    this.save(
      workspaceId,
      this.load(workspaceId).map((r) => (r.name === name ? { ...r, oauth } : r)),
    );
  }

  private async view(workspaceId: string, record: McpServerRecord): Promise<McpServerView> {
    const connection = this.connections.get(this.key(workspaceId, record.name));
    return {
      name: record.name,
      transport: record.transport,
      command: record.command,
      args: record.args,
      url: record.url,
      env: record.env,
      headers: record.headers,
      callTimeoutMs: record.callTimeoutMs,
      permission: connectorPermission(mcpConnectorId(record.name)),
      status: connection?.status ?? 'stopped',
      lastError: connection?.lastError ?? null,
      tools: record.tools,
      oauth: record.oauth === null ? null : await mcpOAuthView(this.deps.secrets, this.vault, workspaceId, record.name, record.oauth),
      logPath: this.logFile(workspaceId, record.name),
      createdAt: record.createdAt,
      lastUsedAt: this.deps.lastUsedAt?.(workspaceId, mcpConnectorId(record.name)) ?? null,
    };
  }

  private record(workspaceId: string, name: string): McpServerRecord {
    const record = this.load(workspaceId).find((r) => r.name === name);
    if (!record) throw new NotFoundError(`This workspace has no MCP server named ${name} on this device (qwanyx mcp list shows them)`);
    return record;
  }

  private load(workspaceId: string): McpServerRecord[] {
    let records = this.records.get(workspaceId);
    if (!records) {
      records = new McpServerStore(this.deps.dataDir, workspaceId).load();
      this.records.set(workspaceId, records);
    }
    return records;
  }

  private save(workspaceId: string, records: McpServerRecord[]): void {
    new McpServerStore(this.deps.dataDir, workspaceId).save(records);
    this.records.set(workspaceId, records);
  }

  private logFile(workspaceId: string, name: string): string {
    return path.join(new McpServerStore(this.deps.dataDir, workspaceId).logDir(), `${name}.log`);
  }

  private key(workspaceId: string, name: string): string {
    return `${workspaceId}/${name}`;
  }

  private audit(workspaceId: string, action: string, server: string, outcome: AuditInput['outcome'], detail: string): void {
    this.deps.audit(workspaceId, { actorKind: 'member', actorId: this.deps.userId(), onBehalfOf: null, action, resource: `mcp/${server}`, outcome, detail });
  }
}
