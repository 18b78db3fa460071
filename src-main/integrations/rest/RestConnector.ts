/**
 * A workspace's REST connections on this device (docs/connectors-rest.md):
 * connect one (a description, a base URL, credentials checked against its
 * health path first), test, rotate, remove, and the tools its digital
 * humans get, registered per connection as connector `rest-<name>`. The
 * credentials live in the keychain under the workspace
 * (`connector:rest-<name>:token`, the JSON of the credentials), are read for
 * each request and dropped after it; a 401 puts the connection in the
 * reconnect state until they are rotated.
 *
 * A description whose auth is `oauth` connects by a sign-in in the browser
 * instead, through the one OAuth client of the connectors (OAuthClient:
 * code + PKCE, loopback redirect, the grant in the keychain under the
 * workspace as `connector:rest-<name>:oauth`, refreshed before it expires,
 * reconnect state on invalid_grant, revoked on removal where the
 * description names a revocation URL). Each request then carries
 * `Authorization: Bearer <access token>`; rotating signs in again.
 */
import { AppError, NotFoundError, ValidationError } from '../../common/AppError';
import type { Logger } from '../../common/Logger';
import type { ConnectorToolRegistry } from '../../agents/tools/ConnectorToolRegistry';
import type { SecretStore } from '../../secrets/SecretStore';
import { ConnectorReconnectError } from '../connectorErrors';
import type { OAuthClient } from '../oauth/OAuthClient';
import { parseOAuthProvider, reauthorizeInput, type OAuthProvider, type TokenEndpointAuth } from '../oauth/OAuthProvider';
import { connectorSecretKey } from '../oauth/OAuthTokenVault';
import { RestApi, type RestAuthShape, type RestCredentials } from './RestApi';
import { REST_NAME, RestConnectionFiles, type RestConnection } from './RestConnectionFiles';
import type { RestSpec } from './RestSpec';
import { notionTools } from './notionTools';
import { restConnectorId, restTools } from './restTools';

export interface RestConnectorDeps {
  dataDir: string;
  secrets: SecretStore;
  /** The connectors' OAuth client (sign-in, refresh, revocation) for `oauth` connections. */
  oauth: OAuthClient;
  registry: ConnectorToolRegistry;
  now: () => number;
  log: Logger;
  maxRetryWaitMs?: number;
}

export interface RestStatus {
  state: 'connected' | 'reconnect';
  reason: string | null;
  connection: RestConnection;
  tools: { name: string; write: boolean }[];
}

export interface RestAddInput {
  name: string;
  baseUrl: string;
  spec: RestSpec;
  specSource: string;
  auth: RestAuthShape;
  credentials: RestCredentials;
}

/** Connecting by OAuth: the description (its auth `oauth` names the endpoints and scopes) and the person's OAuth app. */
export interface RestOAuthAddInput {
  name: string;
  baseUrl: string;
  spec: RestSpec;
  specSource: string;
  clientId: string;
  /** The client secret issued with the client id, for a server that asks for one: kept in the keychain. */
  clientSecret?: string | undefined;
  /** Kept from the earlier connection on rotate (its client secret is in the keychain). */
  tokenEndpointAuth?: TokenEndpointAuth | undefined;
}

/** What `remove` did: whether there was a connection, and for OAuth whether the server confirmed the revocation. */
export interface RestRemoved {
  removed: boolean;
  revoked: boolean;
  problem: string | null;
}

const secretKey = (name: string): string => connectorSecretKey(restConnectorId(name), 'token');

/** The name of a connection to add. */
function checkName(name: string): void {
  if (!REST_NAME.test(name)) throw new ValidationError('A connection name is 1 to 24 lowercase letters, digits or dashes, starting with a letter');
}

export class RestConnector {
  private readonly files: RestConnectionFiles;

  constructor(private readonly deps: RestConnectorDeps) {
    this.files = new RestConnectionFiles(deps.dataDir);
  }

  /** Registers the tools of every connection of `workspaceId` (its database just opened). */
  opened(workspaceId: string): void {
    for (const c of this.files.list(workspaceId)) this.register(workspaceId, c);
  }

  async list(workspaceId: string): Promise<RestStatus[]> {
    return Promise.all(this.files.list(workspaceId).map((c) => this.statusOf(workspaceId, c)));
  }

  /** Connects, once the service accepted the credentials on its health path (refused ones are not saved). */
  async add(workspaceId: string, input: RestAddInput): Promise<RestStatus> {
    checkName(input.name);
    if (input.credentials.kind !== input.auth.kind) throw new ValidationError(`The credentials are for ${input.credentials.kind} but the authentication is ${input.auth.kind}`);
    if (input.credentials.kind === 'oauth') throw new ValidationError('An OAuth connection signs in in the browser: give the client id, not a token');
    const connection: RestConnection = { name: input.name, baseUrl: input.baseUrl.replace(/\/+$/, ''), auth: input.auth, specSource: input.specSource, spec: input.spec, connectedAt: this.deps.now(), reconnect: null };
    await this.check(connection, async () => input.credentials);
    const before = this.files.read(workspaceId, input.name);
    // Keys replace an OAuth connection of the same name: its grant is revoked and goes.
    if (before?.oauth) await this.deps.oauth.disconnect(workspaceId, restConnectorId(input.name), before.oauth);
    await this.deps.secrets.set(workspaceId, secretKey(input.name), JSON.stringify(input.credentials));
    this.files.write(workspaceId, connection);
    this.register(workspaceId, connection);
    return this.statusOf(workspaceId, connection);
  }

  /**
   * Connects by a sign-in in the browser with the description's OAuth
   * endpoints and the person's client id, then checks the grant on the
   * health path (a grant the service refuses is revoked and not kept).
   */
  async addOAuth(workspaceId: string, input: RestOAuthAddInput): Promise<RestStatus> {
    checkName(input.name);
    const auth = input.spec.auth;
    if (auth?.kind !== 'oauth') throw new ValidationError(`The description ${input.spec.name} names no OAuth endpoints: add "auth": {"kind": "oauth", "authorizationUrl": …, "tokenUrl": …} to it, or connect with keys`);
    const connectorId = restConnectorId(input.name);
    const provider = parseOAuthProvider({
      id: connectorId,
      issuer: new URL(auth.authorizationUrl).origin,
      authorizationEndpoint: auth.authorizationUrl,
      tokenEndpoint: auth.tokenUrl,
      revocationEndpoint: auth.revocationUrl ?? null,
      scopes: auth.scopes,
      clientId: input.clientId,
      tokenEndpointAuth: input.clientSecret !== undefined ? 'client_secret_post' : (input.tokenEndpointAuth ?? 'none'),
    });
    const connection: RestConnection = {
      name: input.name,
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      auth: { kind: 'oauth', header: null, prefix: '' },
      specSource: input.specSource,
      spec: input.spec,
      connectedAt: this.deps.now(),
      reconnect: null,
      oauth: provider,
    };
    await this.deps.oauth.connect(workspaceId, connectorId, provider, { clientSecret: input.clientSecret });
    try {
      await this.check(connection, async () => ({ kind: 'oauth', accessToken: await this.deps.oauth.accessToken(workspaceId, connectorId, provider) }));
    } catch (err) {
      await this.deps.oauth.disconnect(workspaceId, connectorId, provider);
      throw err;
    }
    // An OAuth connection replaces keys of the same name: they go.
    await this.deps.secrets.delete(workspaceId, secretKey(input.name));
    this.files.write(workspaceId, connection);
    this.register(workspaceId, connection);
    return this.statusOf(workspaceId, connection);
  }

  /** Stops the sign-in of `name` that waits for the browser (nothing is saved); false when none waits. */
  cancelSignIn(workspaceId: string, name: string): boolean {
    if (!REST_NAME.test(name)) return false;
    return this.deps.oauth.cancel(workspaceId, restConnectorId(name));
  }

  /** A health check of the saved credentials (the description's health path). */
  async test(workspaceId: string, name: string): Promise<void> {
    const c = this.require(workspaceId, name);
    await this.check(c, () => this.credentials(workspaceId, name, true), (reason) => this.markReconnect(workspaceId, name, reason));
  }

  /** Replaces the credentials, checked first: the old ones stay if the service refuses the new. */
  async rotate(workspaceId: string, name: string, credentials: RestCredentials): Promise<RestStatus> {
    const c = this.require(workspaceId, name);
    if (c.oauth) throw new ValidationError('This connection signs in by OAuth: rotating it signs in again in the browser (no keys)');
    if (credentials.kind !== c.auth.kind) throw new ValidationError(`This connection authenticates by ${c.auth.kind}; give ${c.auth.kind} credentials`);
    await this.check(c, async () => credentials);
    await this.deps.secrets.set(workspaceId, secretKey(name), JSON.stringify(credentials));
    const next = { ...c, reconnect: null };
    this.files.write(workspaceId, next);
    this.register(workspaceId, next);
    return this.statusOf(workspaceId, next);
  }

  /** Signs in again in the browser with the same description, address and OAuth app (an `oauth` connection). */
  async reauthorize(workspaceId: string, name: string): Promise<RestStatus> {
    const c = this.require(workspaceId, name);
    if (!c.oauth) throw new ValidationError(`This connection authenticates by ${c.auth.kind}: give new ${c.auth.kind} credentials to rotate it`);
    const again = reauthorizeInput(c.oauth);
    return this.addOAuth(workspaceId, { name, baseUrl: c.baseUrl, spec: c.spec, specSource: c.specSource, clientId: again.clientId, tokenEndpointAuth: again.tokenEndpointAuth });
  }

  /** Removes the connection: an OAuth grant is revoked where the description names a revocation URL; the keychain entries, the file and the tools go. */
  async remove(workspaceId: string, name: string): Promise<RestRemoved> {
    if (!REST_NAME.test(name)) throw new ValidationError('A connection name is 1 to 24 lowercase letters, digits or dashes');
    const c = this.files.read(workspaceId, name);
    let revoked = false;
    let problem: string | null = null;
    if (c?.oauth) {
      const out = await this.deps.oauth.disconnect(workspaceId, restConnectorId(name), c.oauth);
      revoked = out.revoked;
      problem = c.oauth.revocationEndpoint === null ? `${c.spec.name}'s description names no revocation URL: only this device's keychain entries were removed; remove the app's access at the service to end the grant there` : out.problem;
    }
    const hadSecret = await this.deps.secrets.delete(workspaceId, secretKey(name));
    const hadFile = this.files.remove(workspaceId, name);
    this.deps.registry.unregister(workspaceId, restConnectorId(name));
    return { removed: hadSecret || hadFile, revoked, problem };
  }

  /** The API client of one connection of `workspaceId`: its own address and credentials, read at each request. */
  api(workspaceId: string, name: string): RestApi {
    const c = this.require(workspaceId, name);
    return this.apiOf(c, () => this.credentials(workspaceId, name, false), (reason) => this.markReconnect(workspaceId, name, reason));
  }

  private apiOf(c: RestConnection, credentials: () => Promise<RestCredentials>, onUnauthorized: (reason: string) => Promise<void>, maxRetryWaitMs = this.deps.maxRetryWaitMs): RestApi {
    return new RestApi({ service: c.spec.name, baseUrl: c.baseUrl, auth: c.auth, ...(c.spec.headers ? { headers: c.spec.headers } : {}), credentials, onUnauthorized, ...(maxRetryWaitMs !== undefined ? { maxRetryWaitMs } : {}) });
  }

  private async check(c: RestConnection, credentials: () => Promise<RestCredentials>, onUnauthorized: (reason: string) => Promise<void> = async () => undefined): Promise<void> {
    await this.apiOf(c, credentials, onUnauthorized, 0).request({ method: 'GET', path: c.spec.health.path });
  }

  private async credentials(workspaceId: string, name: string, ignoreReconnect: boolean): Promise<RestCredentials> {
    const c = this.require(workspaceId, name);
    if (c.reconnect !== null && !ignoreReconnect) throw new ConnectorReconnectError(c.spec.name, c.reconnect);
    if (c.oauth) return { kind: 'oauth', accessToken: await this.accessToken(workspaceId, c, c.oauth) };
    const raw = await this.deps.secrets.get(workspaceId, secretKey(name));
    if (raw === null) throw new ConnectorReconnectError(c.spec.name, 'its credentials are missing from the keychain of this device');
    try {
      return JSON.parse(raw) as RestCredentials;
    } catch {
      throw new AppError('INTERNAL', `The saved credentials of ${name} cannot be read: rotate them`);
    }
  }

  /** A fresh access token; a grant that is gone (refresh refused) puts the connection in the reconnect state, named by its service. */
  private async accessToken(workspaceId: string, c: RestConnection, provider: OAuthProvider): Promise<string> {
    try {
      return await this.deps.oauth.accessToken(workspaceId, restConnectorId(c.name), provider);
    } catch (err) {
      if (!(err instanceof ConnectorReconnectError)) throw err;
      const status = await this.deps.oauth.status(workspaceId, restConnectorId(c.name));
      const reason = status.state === 'reconnect' ? status.reason : 'it is not signed in on this device';
      const now = this.files.read(workspaceId, c.name);
      if (now !== null && now.reconnect === null) this.files.write(workspaceId, { ...now, reconnect: reason });
      throw new ConnectorReconnectError(c.spec.name, reason);
    }
  }

  private async markReconnect(workspaceId: string, name: string, reason: string): Promise<void> {
    const c = this.files.read(workspaceId, name);
    if (c === null) return;
    this.files.write(workspaceId, { ...c, reconnect: reason });
    if (c.oauth) await this.deps.oauth.markReconnect(workspaceId, restConnectorId(name), reason);
    this.deps.log('warn', `${c.spec.name} (${name}) refused the credentials of workspace ${workspaceId}: ${reason}`);
  }

  private async statusOf(workspaceId: string, c: RestConnection): Promise<RestStatus> {
    const tools = this.deps.registry
      .list(workspaceId)
      .filter((t) => t.connectorId === restConnectorId(c.name))
      .map((t) => ({ name: t.name, write: t.confirm !== undefined }));
    if (c.reconnect !== null) return { state: 'reconnect', reason: c.reconnect, connection: c, tools };
    if (c.oauth) {
      const grant = await this.deps.oauth.status(workspaceId, restConnectorId(c.name));
      if (grant.state === 'connected') return { state: 'connected', reason: null, connection: c, tools };
      return { state: 'reconnect', reason: grant.state === 'reconnect' ? grant.reason : 'its authorization is missing from the keychain', connection: c, tools };
    }
    if ((await this.deps.secrets.get(workspaceId, secretKey(c.name))) === null) return { state: 'reconnect', reason: 'its credentials are missing from the keychain', connection: c, tools };
    return { state: 'connected', reason: null, connection: c, tools };
  }

  private register(workspaceId: string, c: RestConnection): void {
    const api = (): RestApi => this.api(workspaceId, c.name);
    // The shipped Notion description adds reading a page as text and appending paragraphs to the generic search.
    const extra = c.specSource === 'notion' ? notionTools(c.name, api) : [];
    this.deps.registry.register(workspaceId, restConnectorId(c.name), [...restTools(c.name, c.spec, api), ...extra]);
  }

  private require(workspaceId: string, name: string): RestConnection {
    const c = this.files.read(workspaceId, name);
    if (c === null) throw new NotFoundError(`No REST connection named ${JSON.stringify(name.slice(0, 40))} in this workspace on this device`);
    return c;
  }
}
