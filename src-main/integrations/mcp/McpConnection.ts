/**
 * One MCP server of a workspace, as this device runs it: started on first
 * use (one start at a time however many callers wait), its stderr appended
 * to a log file, a status (stopped, starting, running, failed) with the last
 * error, stopped cleanly (the SDK closes stdin, then SIGTERM, then SIGKILL),
 * and every failure turned into a sentence a person or a digital human can
 * act on: the command was not found, the server is unreachable, a tool did
 * not answer in time, the server stopped. A server that signs in with OAuth
 * gets its bearer token from McpOAuthProvider (the SDK asks it on each
 * request, and on a 401 renews or says "sign in again"); before each use the
 * token is renewed when it is about to expire.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AppError } from '../../common/AppError';
import type { McpStatus } from '../../common/contract/mcpChannels';
import type { Logger } from '../../common/Logger';
import type { McpServerRecord } from '../../storage/connectors/McpServerStore';
import { mcpSignInNeeded, type McpOAuthProvider } from './McpOAuthProvider';

/** The secret values of a server, read from the keychain when it starts. */
export interface McpSecrets {
  env: Record<string, string>;
  headers: Record<string, string>;
}

export interface McpConnectionDeps {
  record: McpServerRecord;
  secrets: () => Promise<McpSecrets>;
  logFile: string;
  startTimeoutMs: number;
  /** Told whenever the status changes. */
  onStatus: () => void;
  log: Logger;
  /** The workspace (for the sentences that say what to run). */
  workspaceId?: string;
  /** For a server that signs in with OAuth: its tokens, kept in the keychain. */
  authProvider?: McpOAuthProvider;
}

const CLIENT_INFO = { name: 'qwanyx', version: '0.1.0' };
const LOG_ROTATE_BYTES = 1024 * 1024;
const STDERR_TAIL_CHARS = 2000;

export class McpConnection {
  status: McpStatus = 'stopped';
  lastError: string | null = null;
  private client: Client | null = null;
  private starting: Promise<Client> | null = null;
  private stopping = false;
  private logStream: fs.WriteStream | null = null;
  private stderrTail = '';

  constructor(private readonly deps: McpConnectionDeps) {}

  private get name(): string {
    return this.deps.record.name;
  }

  /** The running client, starting the server when it is not running; an OAuth token about to expire is renewed first. */
  async ensure(): Promise<Client> {
    await this.freshen();
    if (this.client) return Promise.resolve(this.client);
    this.starting ??= this.start().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** The server's tools (all pages). */
  async listTools(): Promise<Tool[]> {
    const client = await this.ensure();
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.request(() => client.listTools(cursor ? { cursor } : {}, { timeout: this.deps.record.callTimeoutMs }), 'listing its tools');
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor && tools.length < 1000);
    return tools;
  }

  /** Calls tool `tool` with `args`; a timeout, a crash or an unreachable server throws an AppError. */
  async call(tool: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult> {
    const client = await this.ensure();
    const timeout = this.deps.record.callTimeoutMs;
    return (await this.request(() => client.callTool({ name: tool, arguments: args }, undefined, { timeout, ...(signal ? { signal } : {}) }), `running ${tool}`)) as CallToolResult;
  }

  /** Stops the server (children included) and waits until it has exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    try {
      await this.starting?.catch(() => undefined);
      const client = this.client;
      this.client = null;
      await client?.close();
    } finally {
      this.closeLog();
      this.stopping = false;
      this.setStatus('stopped');
    }
  }

  /** Renews the OAuth access token when it is about to expire; a refused renewal (sign in again) becomes the last error. */
  private async freshen(): Promise<void> {
    const provider = this.deps.authProvider;
    if (!provider) return;
    try {
      await provider.freshen(new URL(this.deps.record.url ?? ''));
    } catch (err) {
      const error = err instanceof AppError ? err : this.describe(err, 'renewing its access');
      this.setStatus(this.client ? this.status : 'failed', error.message);
      throw error;
    }
  }

  private async start(): Promise<Client> {
    this.setStatus('starting');
    this.openLog();
    const client = new Client(CLIENT_INFO, { capabilities: {} });
    try {
      const transport = await this.transport();
      client.onclose = () => this.closed(client);
      await withTimeout(client.connect(transport, { timeout: this.deps.startTimeoutMs }), this.deps.startTimeoutMs, () =>
        this.failure(`did not finish starting within ${Math.round(this.deps.startTimeoutMs / 1000)} s`),
      );
    } catch (err) {
      const error = err instanceof AppError ? err : this.describe(err, 'starting');
      this.setStatus('failed', error.message);
      await client.close().catch(() => undefined);
      this.closeLog();
      throw error;
    }
    if (this.stopping) {
      await client.close();
      throw new AppError('CLOSED', `The MCP server ${this.name} was stopped while it started`);
    }
    this.client = client;
    this.setStatus('running', null);
    return client;
  }

  private async transport(): Promise<StdioClientTransport | StreamableHTTPClientTransport> {
    const { record } = this.deps;
    const secrets = await this.deps.secrets();
    if (record.transport === 'http') {
      return new StreamableHTTPClientTransport(new URL(record.url ?? ''), {
        requestInit: { headers: secrets.headers },
        ...(this.deps.authProvider ? { authProvider: this.deps.authProvider } : {}),
      });
    }
    const env: Record<string, string> = {};
    for (const e of record.env) if (!e.secret && e.value !== null) env[e.name] = e.value;
    const transport = new StdioClientTransport({ command: record.command ?? '', args: record.args, env: { ...env, ...secrets.env }, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_CHARS);
      this.logStream?.write(chunk);
    });
    return transport;
  }

  /** The transport closed: expected when stopping, a failure otherwise (the process exited, the connection dropped). */
  private closed(client: Client): void {
    // A close during the start rejects connect() itself; one while stopping is expected.
    if (this.client !== client || this.stopping) return;
    this.client = null;
    const said = this.lastStderrLine();
    this.setStatus('failed', `The MCP server ${this.name} stopped unexpectedly${said ? ` (its last words: ${said})` : ''}; it starts again when next used`);
    this.closeLog();
  }

  private async request<T>(run: () => Promise<T>, what: string): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw this.describe(err, what);
    }
  }

  /** A sentence for `err`, which happened while `what`. */
  private describe(err: unknown, what: string): AppError {
    if (err instanceof AppError) return err;
    const code = (err as NodeJS.ErrnoException).code;
    if (err instanceof McpError) {
      if (err.code === (ErrorCode.RequestTimeout as number)) {
        return new AppError('PROVIDER_UNREACHABLE', `The MCP server ${this.name} did not answer within ${formatMs(this.deps.record.callTimeoutMs)} while ${what}; nothing more is known of the outcome`);
      }
      if (err.code === (ErrorCode.ConnectionClosed as number)) {
        const said = this.lastStderrLine();
        return new AppError('PROVIDER_UNREACHABLE', `The MCP server ${this.name} stopped while ${what}${said ? ` (its last words: ${said})` : ''}`);
      }
      return new AppError('PROVIDER_REFUSED', `The MCP server ${this.name} refused ${what}: ${err.message.slice(0, 500)}`);
    }
    if (code === 'ENOENT' && this.deps.record.transport === 'stdio') {
      return this.failure(`cannot start: the command "${this.deps.record.command}" was not found on this computer`);
    }
    if (code === 'EACCES') return this.failure(`cannot start: "${this.deps.record.command}" is not executable`);
    if (err instanceof UnauthorizedError && this.deps.authProvider) return mcpSignInNeeded(this.name, this.deps.workspaceId ?? '…', `its sign-in was not accepted while ${what}`);
    if (err instanceof StreamableHTTPError) {
      if ((err.code === 401 || err.code === 403) && this.deps.authProvider) {
        return mcpSignInNeeded(this.name, this.deps.workspaceId ?? '…', `it refused the access token (HTTP ${err.code}) while ${what}`);
      }
      if (err.code === 401 || err.code === 403) return new AppError('PROVIDER_REFUSED', `The MCP server ${this.name} refused the credentials (HTTP ${err.code}) while ${what}: check its headers`);
      return new AppError('PROVIDER_REFUSED', `The MCP server ${this.name} answered HTTP ${err.code ?? '?'} while ${what}`);
    }
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    if (err instanceof TypeError && (cause !== undefined || err.message.includes('fetch failed'))) {
      return new AppError(
        'PROVIDER_UNREACHABLE',
        `The MCP server ${this.name} (${this.deps.record.url}) cannot be reached${cause ? ` (${cause})` : ''}: this device may be offline or the server is down; nothing was done`,
      );
    }
    const message = err instanceof Error ? err.message : String(err);
    return new AppError('PROVIDER_REFUSED', `The MCP server ${this.name} failed while ${what}: ${message.slice(0, 500)}`);
  }

  private failure(why: string): AppError {
    const said = this.lastStderrLine();
    return new AppError('PROVIDER_UNREACHABLE', `The MCP server ${this.name} ${why}${said ? ` (its last words: ${said})` : ''}`);
  }

  private lastStderrLine(): string {
    const lines = this.stderrTail.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    return (lines.at(-1) ?? '').slice(0, 300);
  }

  /** Sets the status; the last error stays until the server next runs (undefined: unchanged). */
  private setStatus(status: McpStatus, error?: string | null): void {
    const lastError = error === undefined ? this.lastError : error;
    if (this.status === status && this.lastError === lastError) return;
    this.status = status;
    this.lastError = lastError;
    this.deps.onStatus();
  }

  private openLog(): void {
    this.stderrTail = '';
    if (this.deps.record.transport !== 'stdio') return;
    const file = this.deps.logFile;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (fs.existsSync(file) && fs.statSync(file).size > LOG_ROTATE_BYTES) fs.renameSync(file, `${file}.1`);
      this.logStream = fs.createWriteStream(file, { flags: 'a', mode: 0o600 });
      this.logStream.on('error', (err) => this.deps.log('warn', `the log of MCP server ${this.name} cannot be written`, err));
      this.logStream.write(`--- ${new Date().toISOString()} starting ${this.deps.record.command} ---\n`);
    } catch (err) {
      this.deps.log('warn', `the log of MCP server ${this.name} cannot be opened`, err);
    }
  }

  private closeLog(): void {
    this.logStream?.end();
    this.logStream = null;
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
