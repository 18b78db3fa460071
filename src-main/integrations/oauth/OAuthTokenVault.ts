/**
 * Where a connector's OAuth grant lives: one OS keychain entry per
 * (workspace, connector), namespace = the workspace id (so deleting the
 * workspace deletes it), key `connector:<connector id>:oauth`. Never SQLite,
 * never a synced doc, never the renderer or the model.
 *
 * Format (JSON, version 1):
 *   {"v":1,"state":"connected","accessToken":…,"refreshToken":…|null,"expiresAt":ms|null,"scope":…|null[,"issuer":…]}
 *   {"v":1,"state":"reconnect","reason":"…"}   the grant is gone (refresh refused, token revoked)
 * The reconnect record keeps no token: it only remembers why the person must connect again.
 *
 * A provider that asks the app for its client secret (OAuthProvider
 * `tokenEndpointAuth: 'client_secret_post'`) has it in a second entry,
 * `connector:<connector id>:client-secret`, the secret as it is: it outlives
 * a reconnect record (connecting again needs it) and goes on disconnect.
 */
import { z } from 'zod';
import { ValidationError } from '../../common/AppError';
import type { SecretStore } from '../../secrets/SecretStore';

export interface OAuthGrant {
  accessToken: string;
  refreshToken: string | null;
  /** When the access token expires (ms since the epoch), null when the server did not say. */
  expiresAt: number | null;
  scope: string | null;
  /** The authorization server that issued the tokens, when the caller binds them to one (an MCP server's grant). */
  issuer?: string | undefined;
}

export type StoredGrant = ({ state: 'connected' } & OAuthGrant) | { state: 'reconnect'; reason: string };

const recordSchema = z.discriminatedUnion('state', [
  z.object({
    v: z.literal(1),
    state: z.literal('connected'),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).nullable(),
    expiresAt: z.number().nullable(),
    scope: z.string().nullable(),
    issuer: z.string().optional(),
  }),
  z.object({ v: z.literal(1), state: z.literal('reconnect'), reason: z.string() }),
]);

const CONNECTOR_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The keychain key of a connector's secret `part` (`oauth`, `token`, `client-secret`). */
export function connectorSecretKey(connectorId: string, part: 'oauth' | 'token' | 'client-secret'): string {
  if (!CONNECTOR_ID.test(connectorId)) throw new ValidationError(`Invalid connector id ${JSON.stringify(connectorId.slice(0, 40))}: 1 to 40 lowercase letters, digits or dashes`);
  return `connector:${connectorId}:${part}`;
}

export class OAuthTokenVault {
  constructor(private readonly secrets: SecretStore) {}

  async read(workspaceId: string, connectorId: string): Promise<StoredGrant | null> {
    const raw = await this.secrets.get(workspaceId, connectorSecretKey(connectorId, 'oauth'));
    if (raw === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { state: 'reconnect', reason: 'the saved authorization could not be read' };
    }
    const parsed = recordSchema.safeParse(json);
    if (!parsed.success) return { state: 'reconnect', reason: 'the saved authorization could not be read' };
    const { v: _v, ...grant } = parsed.data;
    return grant;
  }

  async save(workspaceId: string, connectorId: string, grant: OAuthGrant): Promise<void> {
    await this.write(workspaceId, connectorId, { v: 1, state: 'connected', ...grant });
  }

  /** Forgets the tokens and remembers that the person must connect again, and why. */
  async markReconnect(workspaceId: string, connectorId: string, reason: string): Promise<void> {
    await this.write(workspaceId, connectorId, { v: 1, state: 'reconnect', reason: reason.slice(0, 500) });
  }

  /** Removes the entry; true when there was one. */
  async remove(workspaceId: string, connectorId: string): Promise<boolean> {
    return this.secrets.delete(workspaceId, connectorSecretKey(connectorId, 'oauth'));
  }

  /** The OAuth client secret saved for the connector, or null. */
  async readClientSecret(workspaceId: string, connectorId: string): Promise<string | null> {
    return this.secrets.get(workspaceId, connectorSecretKey(connectorId, 'client-secret'));
  }

  async saveClientSecret(workspaceId: string, connectorId: string, secret: string): Promise<void> {
    await this.secrets.set(workspaceId, connectorSecretKey(connectorId, 'client-secret'), secret);
  }

  /** Removes the client secret; true when there was one. */
  async removeClientSecret(workspaceId: string, connectorId: string): Promise<boolean> {
    return this.secrets.delete(workspaceId, connectorSecretKey(connectorId, 'client-secret'));
  }

  private async write(workspaceId: string, connectorId: string, record: z.infer<typeof recordSchema>): Promise<void> {
    await this.secrets.set(workspaceId, connectorSecretKey(connectorId, 'oauth'), JSON.stringify(record));
  }
}
