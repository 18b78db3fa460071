/**
 * OAuth 2.1 for a desktop app (RFC 8252), one implementation for every
 * provider: authorization code + PKCE (S256) with a loopback redirect on
 * 127.0.0.1, opened in the system browser; the grant kept in the OS keychain
 * (OAuthTokenVault); the access token refreshed shortly before it expires; a
 * "reconnect" state when the refresh token is refused (invalid_grant); the
 * tokens revoked at the provider on disconnect when it has an RFC 7009
 * endpoint; a client secret sent when the provider asks for one
 * (`client_secret_post`, the secret kept in the keychain); a sign-in that
 * waits in the browser can be cancelled (`cancel`: the loopback listener
 * closes at once and `connect` rejects with code CLOSED).
 *
 * The protocol messages are built and checked by `oauth4webapi` (pure
 * JavaScript, no dependencies, maintained, runs on Node 20's fetch and
 * WebCrypto) rather than by hand: it implements PKCE, the exact `state`
 * check, token response validation and RFC 7009 as the RFCs say, and its
 * errors carry the server's `error` code, which is what tells a revoked
 * grant apart from an outage. This file adds what is ours: the loopback
 * listener, the keychain, refresh timing and the wording for people.
 */
import * as oauth from 'oauth4webapi';
import { AppError, ValidationError } from '../../common/AppError';
import { ConnectorReconnectError, ConnectorRefusedError, ConnectorUnreachableError } from '../connectorErrors';
import { startLoopbackRedirect, type LoopbackRedirect } from './LoopbackRedirect';
import { usesPlainHttp, type OAuthProvider } from './OAuthProvider';
import type { OAuthGrant, OAuthTokenVault } from './OAuthTokenVault';

export interface OAuthClientDeps {
  vault: OAuthTokenVault;
  /** Opens a URL in the person's browser (the app's safe external-open path), for the connection of `workspaceId` and `connectorId`. */
  openUrl: (url: string, flow: { workspaceId: string; connectorId: string }) => void | Promise<void>;
  now?: () => number;
  /** Refresh when the access token has less than this left (default 60 s). */
  refreshMarginMs?: number;
  /** How long to wait for the browser to come back (default 5 minutes). */
  authorizeTimeoutMs?: number;
  /** How long one request to the authorization server may take (default 15 s). */
  requestTimeoutMs?: number;
}

export interface ConnectOptions {
  /** The client secret, for a provider with `tokenEndpointAuth: 'client_secret_post'`; saved in the keychain once connected. Default: the one saved. */
  clientSecret?: string | undefined;
}

export type OAuthStatus = { state: 'connected'; scope: string | null; expiresAt: number | null } | { state: 'reconnect'; reason: string } | { state: 'none' };

export class OAuthClient {
  private readonly refreshing = new Map<string, Promise<string>>();
  /** The sign-ins waiting for the browser, by grant key: what `cancel` closes. */
  private readonly waiting = new Map<string, LoopbackRedirect>();
  private readonly now: () => number;

  constructor(private readonly deps: OAuthClientDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Runs the whole authorization in the browser and saves the grant; resolves once connected. */
  async connect(workspaceId: string, connectorId: string, provider: OAuthProvider, connectOptions: ConnectOptions = {}): Promise<OAuthStatus> {
    const { as, client, options } = this.parts(provider);
    // Before the browser opens: a secret the provider needs and nobody gave would only fail at the token endpoint.
    const clientAuth = await this.clientAuth(workspaceId, connectorId, provider, connectOptions.clientSecret);
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const key = grantKey(workspaceId, connectorId);
    const redirect = await startLoopbackRedirect(this.deps.authorizeTimeoutMs ?? 5 * 60_000, provider.redirectHost ?? '127.0.0.1');
    // A second sign-in of the same connection replaces the first (the person clicked Connect again).
    this.waiting.get(key)?.close('A newer sign-in of this connection replaced this one.');
    this.waiting.set(key, redirect);
    try {
      const url = new URL(provider.authorizationEndpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', provider.clientId);
      url.searchParams.set('redirect_uri', redirect.redirectUri);
      if (provider.scopes.length > 0) url.searchParams.set('scope', provider.scopes.join(' '));
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
      url.searchParams.set('code_challenge_method', 'S256');
      await this.deps.openUrl(url.href, { workspaceId, connectorId });
      const back = await redirect.wait();
      this.forgetWaiting(key, redirect);
      let params: URLSearchParams;
      try {
        params = oauth.validateAuthResponse(as, client, back, state);
      } catch (err) {
        if (err instanceof oauth.AuthorizationResponseError) {
          throw new ConnectorRefusedError(`${provider.id} did not authorize the connection (${err.error}${err.error_description ? `: ${err.error_description}` : ''}).`);
        }
        throw new ValidationError(`The browser came back with an authorization response that does not match this request (${errorText(err)}); it was refused. Try connecting again.`);
      }
      const tokens = await this.request(provider, () => oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirect.redirectUri, codeVerifier, options()).then((r) => oauth.processAuthorizationCodeResponse(as, client, r)));
      const grant = this.grantOf(tokens, null);
      await this.deps.vault.save(workspaceId, connectorId, grant);
      if (connectOptions.clientSecret !== undefined) await this.deps.vault.saveClientSecret(workspaceId, connectorId, connectOptions.clientSecret);
      else if ((provider.tokenEndpointAuth ?? 'none') === 'none') await this.deps.vault.removeClientSecret(workspaceId, connectorId);
      return { state: 'connected', scope: grant.scope, expiresAt: grant.expiresAt };
    } finally {
      this.forgetWaiting(key, redirect);
      redirect.close();
    }
  }

  /**
   * Cancels the sign-in of `connectorId` that waits for the browser: its
   * loopback listener closes at once (a redirect arriving later finds
   * nobody), nothing is saved, and `connect` rejects with code CLOSED.
   * False when none waits (never started, already back from the browser, or over).
   */
  cancel(workspaceId: string, connectorId: string): boolean {
    const key = grantKey(workspaceId, connectorId);
    const redirect = this.waiting.get(key);
    if (redirect === undefined) return false;
    this.waiting.delete(key);
    redirect.close('The sign-in was cancelled: nothing was saved. Connect again when you are ready.');
    return true;
  }

  /** A valid access token, refreshed first when it expires within the margin; throws ConnectorReconnectError when the grant is gone. */
  async accessToken(workspaceId: string, connectorId: string, provider: OAuthProvider): Promise<string> {
    const stored = await this.deps.vault.read(workspaceId, connectorId);
    if (stored === null) throw new ConnectorReconnectError(provider.id, 'it is not connected in this workspace');
    if (stored.state === 'reconnect') throw new ConnectorReconnectError(provider.id, stored.reason);
    const margin = this.deps.refreshMarginMs ?? 60_000;
    if (stored.expiresAt === null || stored.expiresAt - margin > this.now()) return stored.accessToken;
    if (stored.refreshToken === null) {
      await this.deps.vault.markReconnect(workspaceId, connectorId, 'the access token expired and the provider gave no refresh token');
      throw new ConnectorReconnectError(provider.id, 'the access token expired and the provider gave no refresh token');
    }
    const key = grantKey(workspaceId, connectorId);
    // One refresh at a time per grant: a rotated refresh token may be used only once.
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.refresh(workspaceId, connectorId, provider, stored.refreshToken).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    return pending;
  }

  /** Where the grant stands, without reading tokens out. */
  async status(workspaceId: string, connectorId: string): Promise<OAuthStatus> {
    const stored = await this.deps.vault.read(workspaceId, connectorId);
    if (stored === null) return { state: 'none' };
    if (stored.state === 'reconnect') return stored;
    return { state: 'connected', scope: stored.scope, expiresAt: stored.expiresAt };
  }

  /** Records that the service refused the access token (revoked): the person must connect again. */
  async markReconnect(workspaceId: string, connectorId: string, reason: string): Promise<void> {
    await this.deps.vault.markReconnect(workspaceId, connectorId, reason);
  }

  /**
   * Revokes the grant at the provider when it has a revocation endpoint, then
   * removes the keychain entry whatever the provider said (disconnecting
   * must work offline too). Returns whether the provider confirmed.
   */
  async disconnect(workspaceId: string, connectorId: string, provider: OAuthProvider): Promise<{ revoked: boolean; problem: string | null }> {
    const stored = await this.deps.vault.read(workspaceId, connectorId);
    let revoked = false;
    let problem: string | null = provider.revocationEndpoint === null ? `${provider.id} has no revocation endpoint` : null;
    if (stored?.state === 'connected' && provider.revocationEndpoint !== null) {
      const { as, client, options } = this.parts(provider);
      try {
        const clientAuth = await this.clientAuth(workspaceId, connectorId, provider);
        // Revoking the refresh token ends the grant (RFC 7009 §2.1); the access token is revoked too for servers that keep them apart.
        for (const [token, hint] of [[stored.refreshToken, 'refresh_token'], [stored.accessToken, 'access_token']] as const) {
          if (token === null) continue;
          await this.request(provider, () =>
            oauth.revocationRequest(as, client, clientAuth, token, { ...options(), additionalParameters: { token_type_hint: hint } }).then((r) => oauth.processRevocationResponse(r)),
          );
        }
        revoked = true;
      } catch (err) {
        problem = errorText(err);
      }
    }
    await this.deps.vault.remove(workspaceId, connectorId);
    await this.deps.vault.removeClientSecret(workspaceId, connectorId);
    return { revoked, problem };
  }

  private async refresh(workspaceId: string, connectorId: string, provider: OAuthProvider, refreshToken: string): Promise<string> {
    const { as, client, options } = this.parts(provider);
    try {
      const clientAuth = await this.clientAuth(workspaceId, connectorId, provider);
      const tokens = await this.request(provider, () => oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, options()).then((r) => oauth.processRefreshTokenResponse(as, client, r)));
      const grant = this.grantOf(tokens, refreshToken);
      await this.deps.vault.save(workspaceId, connectorId, grant);
      return grant.accessToken;
    } catch (err) {
      if (err instanceof ConnectorRefusedError && err.grantError === 'invalid_grant') {
        const reason = 'the provider no longer accepts its authorization (revoked or expired)';
        await this.deps.vault.markReconnect(workspaceId, connectorId, reason);
        throw new ConnectorReconnectError(provider.id, reason);
      }
      throw err;
    }
  }

  /** Runs one request to the authorization server, turning its failures into errors people can act on. */
  private async request<T>(provider: OAuthProvider, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof oauth.ResponseBodyError) {
        const refused = new ConnectorRefusedError(`${provider.id} refused: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`);
        refused.grantError = err.error;
        throw refused;
      }
      if (err instanceof AppError) throw err;
      if (err instanceof TypeError || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))) {
        throw new ConnectorUnreachableError(provider.id, new URL(provider.tokenEndpoint).host, err);
      }
      throw new ConnectorRefusedError(`${provider.id} answered in a way this app cannot use: ${errorText(err)}`);
    }
  }

  /** How the app authenticates at the token endpoint: no secret, or `given` (else the saved one) in the form body. */
  private async clientAuth(workspaceId: string, connectorId: string, provider: OAuthProvider, given?: string): Promise<oauth.ClientAuth> {
    if ((provider.tokenEndpointAuth ?? 'none') === 'none') return oauth.None();
    const secret = given ?? (await this.deps.vault.readClientSecret(workspaceId, connectorId));
    if (secret === null) throw new ConnectorReconnectError(provider.id, 'its OAuth client secret is missing from the keychain of this device: connect again with the client secret');
    return oauth.ClientSecretPost(secret);
  }

  private forgetWaiting(key: string, redirect: LoopbackRedirect): void {
    if (this.waiting.get(key) === redirect) this.waiting.delete(key);
  }

  private grantOf(tokens: oauth.TokenEndpointResponse, previousRefreshToken: string | null): OAuthGrant {
    const expiresIn = typeof tokens.expires_in === 'number' && tokens.expires_in > 0 ? tokens.expires_in : null;
    return {
      accessToken: tokens.access_token,
      // A server that does not rotate refresh tokens leaves them out of the refresh response.
      refreshToken: tokens.refresh_token ?? previousRefreshToken,
      expiresAt: expiresIn === null ? null : this.now() + expiresIn * 1000,
      scope: tokens.scope ?? null,
    };
  }

  private parts(provider: OAuthProvider): { as: oauth.AuthorizationServer; client: oauth.Client; options: () => oauth.TokenEndpointRequestOptions } {
    const as: oauth.AuthorizationServer = {
      issuer: provider.issuer,
      authorization_endpoint: provider.authorizationEndpoint,
      token_endpoint: provider.tokenEndpoint,
      ...(provider.revocationEndpoint !== null ? { revocation_endpoint: provider.revocationEndpoint } : {}),
    };
    const timeout = this.deps.requestTimeoutMs ?? 15_000;
    // Plain http is accepted by OAuthProvider only for this computer (a local authorization server).
    const insecure = usesPlainHttp(provider);
    const options = (): oauth.TokenEndpointRequestOptions => ({ signal: AbortSignal.timeout(timeout), ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}) });
    return { as, client: { client_id: provider.clientId }, options };
  }
}

function grantKey(workspaceId: string, connectorId: string): string {
  return `${workspaceId}\u0000${connectorId}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
