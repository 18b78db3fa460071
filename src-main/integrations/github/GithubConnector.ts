/**
 * A workspace's GitHub connection on this device: connect (a token, or OAuth
 * in the browser), check, rotate, disconnect, and the tools its digital
 * humans get (registered in the workspace's ConnectorToolRegistry while it
 * is connected). The token is read from the keychain for each request and
 * dropped after it; only the connection's description (address, account,
 * scopes) is kept outside the keychain (GithubConnectionFile).
 *
 * A 401 from GitHub puts the connection in the reconnect state: calls fail
 * fast with a message the DH can repeat, until someone rotates the token or
 * connects again.
 */
import { AppError, NotFoundError } from '../../common/AppError';
import type { Logger } from '../../common/Logger';
import type { AgentTool } from '../../agents/tools/AgentTool';
import { connectorPermission, type ConnectorToolRegistry } from '../../agents/tools/ConnectorToolRegistry';
import type { SecretStore } from '../../secrets/SecretStore';
import { ConnectorReconnectError } from '../connectorErrors';
import type { OAuthClient } from '../oauth/OAuthClient';
import type { RedirectHost } from '../oauth/LoopbackRedirect';
import { parseOAuthProvider, reauthorizeInput, type OAuthProvider, type TokenEndpointAuth } from '../oauth/OAuthProvider';
import { connectorSecretKey } from '../oauth/OAuthTokenVault';
import { GithubApi } from './GithubApi';
import { GithubConnectionFile, type GithubConnection } from './GithubConnectionFile';
import { GITHUB_CONNECTOR_ID, githubTools } from './githubTools';

export const GITHUB_API_URL = 'https://api.github.com';

/** github.com's OAuth endpoints (it has no RFC 7009 revocation endpoint). */
export const GITHUB_OAUTH = { authorizationEndpoint: 'https://github.com/login/oauth/authorize', tokenEndpoint: 'https://github.com/login/oauth/access_token', scopes: ['repo', 'workflow'] };

export interface GithubConnectorDeps {
  dataDir: string;
  secrets: SecretStore;
  oauth: OAuthClient;
  registry: ConnectorToolRegistry;
  now: () => number;
  log: Logger;
  /** Longest rate-limit wait before one retry (default 10 s). */
  maxRetryWaitMs?: number;
}

export interface GithubStatus {
  state: 'connected' | 'reconnect' | 'none';
  reason: string | null;
  connection: GithubConnection | null;
  tools: { name: string; write: boolean }[];
}

export interface GithubOAuthInput {
  clientId: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  revocationEndpoint?: string | null;
  scopes?: string[];
  /** The client secret, for an authorization server that asks the app for one (kept in the keychain). */
  clientSecret?: string | undefined;
  /** Kept from an earlier connection on rotate: it had a client secret, now in the keychain. */
  tokenEndpointAuth?: TokenEndpointAuth | undefined;
  redirectHost?: RedirectHost | undefined;
}

const TOKEN_KEY = connectorSecretKey(GITHUB_CONNECTOR_ID, 'token');

export class GithubConnector {
  private readonly file: GithubConnectionFile;

  constructor(private readonly deps: GithubConnectorDeps) {
    this.file = new GithubConnectionFile(deps.dataDir);
  }

  /** Registers the tools of `workspaceId` when it has a connection (its database just opened). */
  opened(workspaceId: string): void {
    this.file.forget(workspaceId);
    if (this.file.read(workspaceId) !== null) this.register(workspaceId);
  }

  async status(workspaceId: string): Promise<GithubStatus> {
    const connection = this.file.read(workspaceId);
    const tools = this.toolList(workspaceId);
    if (connection === null) return { state: 'none', reason: null, connection: null, tools };
    if (connection.reconnect !== null) return { state: 'reconnect', reason: connection.reconnect, connection, tools };
    if (connection.auth === 'oauth') {
      const grant = await this.deps.oauth.status(workspaceId, GITHUB_CONNECTOR_ID);
      if (grant.state === 'reconnect') return { state: 'reconnect', reason: grant.reason, connection, tools };
      if (grant.state === 'none') return { state: 'reconnect', reason: 'its authorization is missing from the keychain', connection, tools };
    } else if ((await this.deps.secrets.get(workspaceId, TOKEN_KEY)) === null) {
      return { state: 'reconnect', reason: 'its token is missing from the keychain', connection, tools };
    }
    return { state: 'connected', reason: null, connection, tools };
  }

  /** Connects with a token, once GitHub accepted it (a refused token is not saved). */
  async addToken(workspaceId: string, apiUrl: string, token: string): Promise<GithubStatus> {
    const who = await this.whoAmI(apiUrl, async () => token);
    await this.deps.secrets.set(workspaceId, TOKEN_KEY, token);
    // A token replaces an OAuth grant: that grant is revoked where the provider can, and leaves the keychain.
    const previous = this.file.read(workspaceId)?.oauth ?? null;
    if (previous !== null) await this.deps.oauth.disconnect(workspaceId, GITHUB_CONNECTOR_ID, previous);
    this.file.write(workspaceId, { apiUrl, auth: 'token', oauth: null, account: who.account, scopes: who.scopes, connectedAt: this.deps.now(), reconnect: null });
    this.register(workspaceId);
    return this.status(workspaceId);
  }

  /** Connects by OAuth in the browser (authorization code + PKCE), then checks the grant against GitHub. */
  async addOAuth(workspaceId: string, apiUrl: string, input: GithubOAuthInput): Promise<GithubStatus> {
    const provider = oauthProviderOf(input);
    await this.deps.oauth.connect(workspaceId, GITHUB_CONNECTOR_ID, provider, { clientSecret: input.clientSecret });
    let who: { account: string; scopes: string | null };
    try {
      who = await this.whoAmI(apiUrl, () => this.deps.oauth.accessToken(workspaceId, GITHUB_CONNECTOR_ID, provider));
    } catch (err) {
      // A grant the API refuses (wrong address, wrong provider) is not kept: revoked where possible, out of the keychain.
      await this.deps.oauth.disconnect(workspaceId, GITHUB_CONNECTOR_ID, provider);
      throw err;
    }
    await this.deps.secrets.delete(workspaceId, TOKEN_KEY);
    this.file.write(workspaceId, { apiUrl, auth: 'oauth', oauth: provider, account: who.account, scopes: who.scopes, connectedAt: this.deps.now(), reconnect: null });
    this.register(workspaceId);
    return this.status(workspaceId);
  }

  /** Checks the saved credentials against GitHub (`GET /user`). */
  async test(workspaceId: string): Promise<{ account: string; scopes: string | null }> {
    const connection = this.require(workspaceId);
    return this.whoAmI(connection.apiUrl, () => this.token(workspaceId), (reason) => this.markReconnect(workspaceId, reason));
  }

  /** Replaces the token (checked first: the old one stays if GitHub refuses the new), or authorizes again by OAuth. */
  async rotate(workspaceId: string, token: string | null): Promise<GithubStatus> {
    const connection = this.require(workspaceId);
    if (connection.auth === 'oauth') {
      if (token !== null) return this.addToken(workspaceId, connection.apiUrl, token);
      return this.addOAuth(workspaceId, connection.apiUrl, reauthorizeInput(connection.oauth!));
    }
    if (token === null) throw new AppError('VALIDATION', 'Give the new token to rotate a token connection');
    return this.addToken(workspaceId, connection.apiUrl, token);
  }

  /** Disconnects: revokes OAuth tokens where GitHub's provider can, removes keychain entries, file and tools. */
  async remove(workspaceId: string): Promise<{ removed: boolean; revoked: boolean; problem: string | null }> {
    const connection = this.file.read(workspaceId);
    let out = { revoked: false, problem: null as string | null };
    if (connection?.oauth) out = await this.deps.oauth.disconnect(workspaceId, GITHUB_CONNECTOR_ID, connection.oauth);
    const hadToken = await this.deps.secrets.delete(workspaceId, TOKEN_KEY);
    const hadFile = this.file.remove(workspaceId);
    this.deps.registry.unregister(workspaceId, GITHUB_CONNECTOR_ID);
    return { removed: hadFile || hadToken, ...out };
  }

  /** The API client of `workspaceId`: its own address and credentials, asked for at each request. */
  api(workspaceId: string): GithubApi {
    const connection = this.require(workspaceId);
    return new GithubApi({
      apiUrl: connection.apiUrl,
      token: () => this.token(workspaceId),
      onUnauthorized: (reason) => this.markReconnect(workspaceId, reason),
      ...(this.deps.maxRetryWaitMs !== undefined ? { maxRetryWaitMs: this.deps.maxRetryWaitMs } : {}),
    });
  }

  private async token(workspaceId: string): Promise<string> {
    const connection = this.require(workspaceId);
    if (connection.reconnect !== null) throw new ConnectorReconnectError('GitHub', connection.reconnect);
    if (connection.auth === 'oauth') return this.deps.oauth.accessToken(workspaceId, GITHUB_CONNECTOR_ID, connection.oauth!);
    const token = await this.deps.secrets.get(workspaceId, TOKEN_KEY);
    if (token === null) throw new ConnectorReconnectError('GitHub', 'its token is missing from the keychain of this device');
    return token;
  }

  private async markReconnect(workspaceId: string, reason: string): Promise<void> {
    const connection = this.file.read(workspaceId);
    if (connection === null) return;
    this.file.write(workspaceId, { ...connection, reconnect: reason });
    if (connection.auth === 'oauth') await this.deps.oauth.markReconnect(workspaceId, GITHUB_CONNECTOR_ID, reason);
    this.deps.log('warn', `GitHub refused the credentials of workspace ${workspaceId}: ${reason}`);
  }

  private async whoAmI(apiUrl: string, token: () => Promise<string>, onUnauthorized: (reason: string) => Promise<void> = async () => undefined): Promise<{ account: string; scopes: string | null }> {
    const api = new GithubApi({ apiUrl, token, onUnauthorized, maxRetryWaitMs: 0 });
    const user = await api.get<{ login?: unknown }>('/user');
    if (typeof user?.login !== 'string') throw new AppError('PROVIDER_REFUSED', `${apiUrl} did not answer like the GitHub API (no login in /user): check the address`);
    return { account: user.login, scopes: api.lastScopes };
  }

  private register(workspaceId: string): void {
    this.deps.registry.register(workspaceId, GITHUB_CONNECTOR_ID, githubTools(workspaceId, () => this.api(workspaceId)));
  }

  private toolList(workspaceId: string): { name: string; write: boolean }[] {
    const tools: AgentTool[] = this.deps.registry.list(workspaceId).filter((t) => t.connectorId === GITHUB_CONNECTOR_ID);
    return tools.map((t) => ({ name: t.name, write: t.confirm !== undefined }));
  }

  private require(workspaceId: string): GithubConnection {
    const connection = this.file.read(workspaceId);
    if (connection === null) throw new NotFoundError('GitHub is not connected in this workspace on this device');
    return connection;
  }
}

/** The permission a person needs for DHs to use the GitHub tools on their behalf. */
export const GITHUB_PERMISSION = connectorPermission(GITHUB_CONNECTOR_ID);

function oauthProviderOf(input: GithubOAuthInput): OAuthProvider {
  const authorizationEndpoint = input.authorizationEndpoint ?? GITHUB_OAUTH.authorizationEndpoint;
  return parseOAuthProvider({
    id: GITHUB_CONNECTOR_ID,
    issuer: new URL(authorizationEndpoint).origin,
    authorizationEndpoint,
    tokenEndpoint: input.tokenEndpoint ?? GITHUB_OAUTH.tokenEndpoint,
    revocationEndpoint: input.revocationEndpoint ?? null,
    scopes: input.scopes ?? GITHUB_OAUTH.scopes,
    clientId: input.clientId,
    tokenEndpointAuth: input.clientSecret !== undefined ? 'client_secret_post' : (input.tokenEndpointAuth ?? 'none'),
    redirectHost: input.redirectHost ?? '127.0.0.1',
  });
}
