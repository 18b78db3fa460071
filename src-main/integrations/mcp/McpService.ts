/**
 * The MCP servers of every workspace on this device (docs/connectors-mcp.md):
 * their configuration (McpServerStore, device-local), their secrets (the
 * keychain, namespace = the workspace id, keys `mcp.<server>.env.<NAME>` and
 * `mcp.<server>.header.<Name>`), the running connections, and their tools
 * in the ConnectorToolRegistry under the connector id `mcp-<server>`, so
 * the workspace's digital humans call them through the gate.
 *
 * Servers start lazily: on the first tool call, on `tools`, or before a
 * digital human's turn when their tool list is not known yet (`prepare`).
 * They stop when their workspace closes and when the core closes.
 */
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AppError, ConflictError, KeychainUnavailableError, NotFoundError } from '../../common/AppError';
import { MCP_DEFAULT_CALL_TIMEOUT_MS, type McpAddInput, type McpServerView, type McpToolView } from '../../common/contract/mcpChannels';
import type { Logger } from '../../common/Logger';
import type { AuditInput } from '../../domain/audit/AuditService';
import type { ConnectorToolRegistry } from '../../agents/tools/ConnectorToolRegistry';
import { connectorPermission } from '../../agents/tools/ConnectorToolRegistry';
import type { SecretStore } from '../../secrets/SecretStore';
import { McpServerStore, type McpServerRecord } from '../../storage/connectors/McpServerStore';
import { McpConnection, type McpSecrets } from './McpConnection';
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
}

const secretKey = (server: string, kind: 'env' | 'header', name: string): string => `mcp.${server}.${kind}.${name}`;

export class McpService {
  private readonly connections = new Map<string, McpConnection>();
  private readonly records = new Map<string, McpServerRecord[]>();

  constructor(private readonly deps: McpServiceDeps) {}

  /** The servers of `workspaceId` with their status. */
  list(workspaceId: string): McpServerView[] {
    return this.load(workspaceId).map((r) => this.view(workspaceId, r));
  }

  /** One server with its status. */
  status(workspaceId: string, name: string): McpServerView {
    return this.view(workspaceId, this.record(workspaceId, name));
  }

  /** Adds a server (not started). Secret values go to the keychain first: without a keychain, a server with secrets is refused. */
  async add(input: McpAddInput): Promise<McpServerView> {
    const { workspaceId, name } = input;
    const records = this.load(workspaceId);
    if (records.some((r) => r.name === name)) throw new ConflictError(`This workspace already has an MCP server named ${name}; remove it first or pick another name`);
    const secrets: [string, string][] =
      input.transport === 'http'
        ? input.headers.map((h) => [secretKey(name, 'header', h.name), h.value])
        : input.env.filter((e) => e.secret).map((e) => [secretKey(name, 'env', e.name), e.value]);
    if (secrets.length > 0) {
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
    };
    this.save(workspaceId, [...records, record]);
    const target = record.transport === 'stdio' ? `${record.command} ${record.args.join(' ')}`.trim() : (record.url ?? '');
    this.audit(workspaceId, 'mcp.add', name, 'allowed', `${record.transport}: ${target}`.slice(0, 600));
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
    if (keychain.available) for (const key of await this.deps.secrets.keys(workspaceId)) if (key.startsWith(prefix)) await this.deps.secrets.delete(workspaceId, key);
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
    return this.view(workspaceId, record);
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
        secrets: () => this.secretsOf(workspaceId, record),
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

  private view(workspaceId: string, record: McpServerRecord): McpServerView {
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
