/**
 * A workspace's REST connections on this device (docs/connectors-rest.md):
 * connect one (a description, a base URL, credentials checked against its
 * health path first), test, rotate, remove, and the tools its digital
 * humans get, registered per connection as connector `rest-<name>`. The
 * credentials live in the keychain under the workspace
 * (`connector:rest-<name>:token`, the JSON of the credentials), are read for
 * each request and dropped after it; a 401 puts the connection in the
 * reconnect state until they are rotated.
 */
import { AppError, NotFoundError, ValidationError } from '../../common/AppError';
import type { Logger } from '../../common/Logger';
import type { ConnectorToolRegistry } from '../../agents/tools/ConnectorToolRegistry';
import type { SecretStore } from '../../secrets/SecretStore';
import { ConnectorReconnectError } from '../connectorErrors';
import { connectorSecretKey } from '../oauth/OAuthTokenVault';
import { RestApi, type RestAuthShape, type RestCredentials } from './RestApi';
import { REST_NAME, RestConnectionFiles, type RestConnection } from './RestConnectionFiles';
import type { RestSpec } from './RestSpec';
import { notionTools } from './notionTools';
import { restConnectorId, restTools } from './restTools';

export interface RestConnectorDeps {
  dataDir: string;
  secrets: SecretStore;
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

const secretKey = (name: string): string => connectorSecretKey(restConnectorId(name), 'token');

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
    if (!REST_NAME.test(input.name)) throw new ValidationError('A connection name is 1 to 24 lowercase letters, digits or dashes, starting with a letter');
    if (input.credentials.kind !== input.auth.kind) throw new ValidationError(`The credentials are for ${input.credentials.kind} but the authentication is ${input.auth.kind}`);
    const connection: RestConnection = { name: input.name, baseUrl: input.baseUrl.replace(/\/+$/, ''), auth: input.auth, specSource: input.specSource, spec: input.spec, connectedAt: this.deps.now(), reconnect: null };
    await this.check(connection, async () => input.credentials);
    await this.deps.secrets.set(workspaceId, secretKey(input.name), JSON.stringify(input.credentials));
    this.files.write(workspaceId, connection);
    this.register(workspaceId, connection);
    return this.statusOf(workspaceId, connection);
  }

  /** A health check of the saved credentials (the description's health path). */
  async test(workspaceId: string, name: string): Promise<void> {
    const c = this.require(workspaceId, name);
    await this.check(c, () => this.credentials(workspaceId, name, true), (reason) => this.markReconnect(workspaceId, name, reason));
  }

  /** Replaces the credentials, checked first: the old ones stay if the service refuses the new. */
  async rotate(workspaceId: string, name: string, credentials: RestCredentials): Promise<RestStatus> {
    const c = this.require(workspaceId, name);
    if (credentials.kind !== c.auth.kind) throw new ValidationError(`This connection authenticates by ${c.auth.kind}; give ${c.auth.kind} credentials`);
    await this.check(c, async () => credentials);
    await this.deps.secrets.set(workspaceId, secretKey(name), JSON.stringify(credentials));
    const next = { ...c, reconnect: null };
    this.files.write(workspaceId, next);
    this.register(workspaceId, next);
    return this.statusOf(workspaceId, next);
  }

  async remove(workspaceId: string, name: string): Promise<boolean> {
    if (!REST_NAME.test(name)) throw new ValidationError('A connection name is 1 to 24 lowercase letters, digits or dashes');
    const hadSecret = await this.deps.secrets.delete(workspaceId, secretKey(name));
    const hadFile = this.files.remove(workspaceId, name);
    this.deps.registry.unregister(workspaceId, restConnectorId(name));
    return hadSecret || hadFile;
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
    const raw = await this.deps.secrets.get(workspaceId, secretKey(name));
    if (raw === null) throw new ConnectorReconnectError(c.spec.name, 'its credentials are missing from the keychain of this device');
    try {
      return JSON.parse(raw) as RestCredentials;
    } catch {
      throw new AppError('INTERNAL', `The saved credentials of ${name} cannot be read: rotate them`);
    }
  }

  private async markReconnect(workspaceId: string, name: string, reason: string): Promise<void> {
    const c = this.files.read(workspaceId, name);
    if (c === null) return;
    this.files.write(workspaceId, { ...c, reconnect: reason });
    this.deps.log('warn', `${c.spec.name} (${name}) refused the credentials of workspace ${workspaceId}: ${reason}`);
  }

  private async statusOf(workspaceId: string, c: RestConnection): Promise<RestStatus> {
    const tools = this.deps.registry
      .list(workspaceId)
      .filter((t) => t.connectorId === restConnectorId(c.name))
      .map((t) => ({ name: t.name, write: t.confirm !== undefined }));
    if (c.reconnect !== null) return { state: 'reconnect', reason: c.reconnect, connection: c, tools };
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
