/**
 * The MCP SDK's `OAuthClientProvider` for one Streamable HTTP server of a
 * workspace, kept by our keychain. The SDK's `auth()` does the protocol the
 * MCP specification asks for (discovery from the server's 401: protected
 * resource metadata, then authorization server metadata; dynamic client
 * registration; PKCE; the RFC 8707 `resource` parameter; token exchange and
 * refresh); this adapter only says where things are kept and what to do
 * with the browser, so there is no second OAuth implementation:
 *
 * - the grant goes to OAuthTokenVault (keychain, namespace = the workspace,
 *   key `connector:mcp-<server>:oauth`), with the issuer the SDK binds it to;
 *   a refused refresh (`invalidateCredentials('tokens')`) becomes the vault's
 *   "reconnect" record, which keeps no token and says why;
 * - the client (a `--client-id` given, or the one registered dynamically)
 *   goes to the keychain key `mcp.<server>.oauth.client`;
 * - the PKCE code verifier, the `state` and the discovered metadata stay in
 *   memory: they serve one sign-in, which this process waits for.
 *
 * Two modes. A sign-in (`interactive`) has a loopback redirect URI (RFC 8252)
 * and opens the authorization page in the system browser; it ignores the
 * tokens kept, so it always asks the person. A connection (no `interactive`)
 * never opens a browser: when the SDK would need one (nothing kept, or the
 * refresh refused) it throws NOT_SIGNED_IN, which tells the person how to
 * sign in again. `freshen` refreshes the access token shortly before it
 * expires (one refresh at a time), so a call does not wait for a 401 first.
 */
import { auth, type OAuthClientProvider, type OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { OAuthError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { z } from 'zod';
import { AppError } from '../../common/AppError';
import type { McpOAuthView } from '../../common/contract/mcpChannels';
import type { SecretStore } from '../../secrets/SecretStore';
import type { OAuthTokenVault } from '../oauth/OAuthTokenVault';
import { CALLBACK_PATH } from '../oauth/LoopbackRedirect';

/** What a server added with `--oauth` keeps in its (device-local) record: no secret. */
export interface McpOAuthSettings {
  /** The client id given (`--client-id`); null: registered dynamically at the first sign-in. */
  clientId: string | null;
  /** The scope asked for (`--scope`); null: what the server advertises. */
  scope: string | null;
  /** Where discovery found the authorization server (known after the first sign-in), so a later process skips it. */
  authorizationServerUrl?: string | null | undefined;
  /** The protected resource metadata URL the server named in its 401 (WWW-Authenticate `resource_metadata`). */
  resourceMetadataUrl?: string | null | undefined;
}

export interface McpOAuthProviderDeps {
  secrets: SecretStore;
  vault: OAuthTokenVault;
  workspaceId: string;
  server: string;
  settings: McpOAuthSettings;
  now: () => number;
  /** Refresh when the access token has less than this left (default 60 s). */
  refreshMarginMs?: number;
  /** Told what discovery found, to keep it in the server's record (public URLs, no secret). */
  discovered?: (found: { authorizationServerUrl: string; resourceMetadataUrl: string | null }) => void;
  /** A sign-in: the loopback redirect URI, the `state` sent, and how to open the authorization page. */
  interactive?: { redirectUri: string; state: string; open: (url: URL) => void | Promise<void> };
}

/** The keychain key of a server's OAuth client. */
export const mcpOAuthClientKey = (server: string): string => `mcp.${server}.oauth.client`;
/** The vault's connector id of a server's grant (`connector:mcp-<server>:oauth`). */
export const mcpOAuthGrantId = (server: string): string => `mcp-${server}`;

const clientSchema = z.object({ client_id: z.string().min(1), issuer: z.string().optional(), redirect_uris: z.array(z.string()).optional() }).passthrough();

/** The error of a server whose sign-in is missing or refused: what to run. */
export function mcpSignInNeeded(server: string, workspaceId: string, why: string): AppError {
  return new AppError(
    'NOT_SIGNED_IN',
    `The MCP server ${server} needs you to sign in again (${why}). Use "Sign in again" in Settings → Connectors or run \`qwanyx mcp signin --workspace ${workspaceId} --name ${server}\`.`,
  );
}

export class McpOAuthProvider implements OAuthClientProvider {
  private verifier: string | null = null;
  private discovery: OAuthDiscoveryState | undefined;
  private freshening: Promise<void> | null = null;

  constructor(private readonly deps: McpOAuthProviderDeps) {}

  private get grantId(): string {
    return mcpOAuthGrantId(this.deps.server);
  }

  get redirectUrl(): string {
    // A connection never redirects (redirectToAuthorization refuses), but the SDK reads a URL as "an interactive client".
    return this.deps.interactive?.redirectUri ?? `http://127.0.0.1${CALLBACK_PATH}`;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Qwanyx',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...(this.deps.settings.scope !== null ? { scope: this.deps.settings.scope } : {}),
    };
  }

  state(): string {
    return this.deps.interactive?.state ?? '';
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    const stored = await this.storedClient();
    const given = this.deps.settings.clientId;
    if (given !== null) return stored?.client_id === given ? stored : { client_id: given };
    if (stored === null) {
      // A connection does not register a client: only a sign-in may (it has a redirect URI to register).
      if (!this.deps.interactive) throw mcpSignInNeeded(this.deps.server, this.deps.workspaceId, 'it has not signed in on this device');
      return undefined;
    }
    // A registered client lists its redirect URIs; a sign-in on another loopback port registers again rather than be refused.
    if (this.deps.interactive && stored.redirect_uris !== undefined && !stored.redirect_uris.includes(this.redirectUrl)) return undefined;
    return stored;
  }

  async saveClientInformation(info: OAuthClientInformationMixed): Promise<void> {
    await this.deps.secrets.set(this.deps.workspaceId, mcpOAuthClientKey(this.deps.server), JSON.stringify(info));
  }

  async tokens(): Promise<OAuthTokens | undefined> {
    // A sign-in asks the person again, whatever is kept.
    if (this.deps.interactive) return undefined;
    const grant = await this.deps.vault.read(this.deps.workspaceId, this.grantId);
    if (grant === null || grant.state !== 'connected') return undefined;
    return {
      access_token: grant.accessToken,
      token_type: 'Bearer',
      ...(grant.refreshToken !== null ? { refresh_token: grant.refreshToken } : {}),
      ...(grant.expiresAt !== null ? { expires_in: Math.max(0, Math.floor((grant.expiresAt - this.deps.now()) / 1000)) } : {}),
      ...(grant.scope !== null ? { scope: grant.scope } : {}),
      ...(grant.issuer !== undefined ? { issuer: grant.issuer } : {}),
    };
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    const expiresIn = typeof tokens.expires_in === 'number' && tokens.expires_in > 0 ? tokens.expires_in : null;
    await this.deps.vault.save(this.deps.workspaceId, this.grantId, {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      expiresAt: expiresIn === null ? null : this.deps.now() + expiresIn * 1000,
      scope: tokens.scope ?? null,
      ...(tokens.issuer !== undefined ? { issuer: tokens.issuer } : {}),
    });
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    if (!this.deps.interactive) {
      const grant = await this.deps.vault.read(this.deps.workspaceId, this.grantId);
      if (grant?.state === 'reconnect') throw mcpSignInNeeded(this.deps.server, this.deps.workspaceId, grant.reason);
      if (grant === null) throw mcpSignInNeeded(this.deps.server, this.deps.workspaceId, 'it has not signed in on this device');
      // The grant is still there: the refresh failed for another reason (the authorization server is down).
      throw new AppError('PROVIDER_UNREACHABLE', `The authorization server of the MCP server ${this.deps.server} did not renew its access; nothing was done. Try again later.`);
    }
    await this.deps.interactive.open(url);
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    if (this.verifier === null) throw new AppError('CLOSED', 'No sign-in of this MCP server is waiting for the browser; sign in again.');
    return this.verifier;
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'all' || scope === 'client') await this.deps.secrets.delete(this.deps.workspaceId, mcpOAuthClientKey(this.deps.server));
    if (scope === 'all' || scope === 'tokens') {
      await this.deps.vault.markReconnect(this.deps.workspaceId, this.grantId, 'its authorization server no longer accepts the saved authorization (revoked or expired)');
    }
    if (scope === 'all' || scope === 'verifier') this.verifier = null;
    if (scope === 'all' || scope === 'discovery') this.discovery = undefined;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
    this.deps.discovered?.({ authorizationServerUrl: state.authorizationServerUrl, resourceMetadataUrl: state.resourceMetadataUrl ?? this.deps.settings.resourceMetadataUrl ?? null });
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    if (this.discovery !== undefined) return this.discovery;
    const { authorizationServerUrl, resourceMetadataUrl } = this.deps.settings;
    // A sign-in discovers again (the server may have moved its authorization server); a connection reuses what the sign-in found.
    if (this.deps.interactive || !authorizationServerUrl) return undefined;
    return { authorizationServerUrl, ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}) };
  }

  /**
   * Before a request: throws NOT_SIGNED_IN when there is no usable grant, and
   * refreshes the access token through the SDK when it expires within the margin.
   */
  async freshen(serverUrl: URL): Promise<void> {
    const grant = await this.deps.vault.read(this.deps.workspaceId, this.grantId);
    if (grant === null) throw mcpSignInNeeded(this.deps.server, this.deps.workspaceId, 'it has not signed in on this device');
    if (grant.state === 'reconnect') throw mcpSignInNeeded(this.deps.server, this.deps.workspaceId, grant.reason);
    const margin = this.deps.refreshMarginMs ?? 60_000;
    if (grant.expiresAt === null || grant.expiresAt - margin > this.deps.now()) return;
    this.freshening ??= runAuth(() => auth(this, { serverUrl }))
      .then(() => undefined)
      .finally(() => {
        this.freshening = null;
      });
    return this.freshening;
  }

  private async storedClient(): Promise<z.infer<typeof clientSchema> | null> {
    const raw = await this.deps.secrets.get(this.deps.workspaceId, mcpOAuthClientKey(this.deps.server));
    if (raw === null) return null;
    try {
      const parsed = clientSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}

/** The sign-in state of an OAuth server, read from the keychain (no token comes out). */
export async function mcpOAuthView(secrets: SecretStore, vault: OAuthTokenVault, workspaceId: string, server: string, settings: McpOAuthSettings): Promise<McpOAuthView> {
  const base = { clientId: settings.clientId, scope: settings.scope };
  const keychain = await secrets.status();
  if (!keychain.available) return { state: 'needs-sign-in', reason: 'this device has no keychain to keep the sign-in', expiresAt: null, ...base };
  const grant = await vault.read(workspaceId, mcpOAuthGrantId(server));
  if (grant === null) return { state: 'needs-sign-in', reason: 'not signed in on this device yet', expiresAt: null, ...base };
  if (grant.state === 'reconnect') return { state: 'needs-sign-in', reason: grant.reason, expiresAt: null, ...base };
  return { state: 'signed-in', reason: null, expiresAt: grant.expiresAt, ...base, scope: grant.scope ?? base.scope };
}

/** Runs an SDK `auth()` step, turning its protocol errors into sentences with stable codes. */
export async function runAuth<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof OAuthError) throw new AppError('PROVIDER_REFUSED', `The authorization server refused: ${err.errorCode}${err.message ? ` (${err.message.slice(0, 300)})` : ''}`);
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    if (err instanceof TypeError) throw new AppError('PROVIDER_UNREACHABLE', `The authorization server cannot be reached${cause ? ` (${cause})` : ''}: this device may be offline or the server is down; nothing was done`);
    throw new AppError('PROVIDER_REFUSED', `The sign-in could not go on: ${err instanceof Error ? err.message.slice(0, 400) : String(err)}`);
  }
}
