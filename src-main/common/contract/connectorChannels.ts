/**
 * Contract of first-party connectors (docs/connectors-github.md): a
 * workspace connects a service (GitHub) on this device with a token or by
 * OAuth in the browser; its digital humans then get that service's tools.
 * Credentials go in (`connector.add`, `connector.rotate`) and never come
 * out: they live in the OS keychain under the workspace, and no output
 * carries them. The connection's description (address, account, scopes) is
 * device-local, like its credentials.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import { serviceUrlSchema } from './serviceUrlSchema';

/** The first-party connectors. */
export const CONNECTOR_KINDS = ['github', 'google', 'microsoft'] as const;
export const connectorKindSchema = z.enum(CONNECTOR_KINDS);

/** Where a connection stands: usable, refused by the service (connect again), or not set up. */
export const connectorStateSchema = z.enum(['connected', 'reconnect', 'none']);

/** An https address (plain http only for this computer), without credentials. */
export const connectorUrlSchema = serviceUrlSchema({
  lookLike: 'The address must look like https://api.github.com',
  credentials: 'The address cannot hold credentials, a query or a fragment',
  allowQuery: false,
  name: 'The address',
});

/** A token as a service issues it: printable ASCII, no spaces. */
export const connectorTokenSchema = z
  .string()
  .trim()
  .min(8, 'That token is too short')
  .max(2000, 'That token is too long')
  .regex(/^[\x21-\x7e]+$/, 'A token is printable characters without spaces');

/** How the connection authenticates: a token, or OAuth (authorization code + PKCE in the browser). */
export const connectorAuthInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), token: connectorTokenSchema }).strict(),
  z
    .object({
      kind: z.literal('oauth'),
      clientId: z.string().trim().min(1).max(256).regex(/^[\x21-\x7e]+$/, 'A client id is printable characters without spaces'),
      /** Default: the service's own (github.com). */
      authorizationEndpoint: connectorUrlSchema.optional(),
      tokenEndpoint: connectorUrlSchema.optional(),
      /** RFC 7009 endpoint, when the provider has one (github.com has none). */
      revocationEndpoint: connectorUrlSchema.nullable().optional(),
      scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/, 'A scope is printable characters without spaces or quotes')).max(50).optional(),
      /**
       * The client secret issued with the client id, for providers that ask
       * an installed app for it (Google's desktop clients): sent in the token
       * request's body, kept in the keychain, never in an output.
       */
      clientSecret: z.string().trim().min(1).max(512).regex(/^[\x21-\x7e]+$/, 'A client secret is printable characters without spaces').optional(),
      /** The host the loopback redirect URI names. Default: `localhost` for Microsoft (what its identity platform registers), else `127.0.0.1`. */
      redirectHost: z.enum(['127.0.0.1', 'localhost']).optional(),
    })
    .strict(),
]);

/** A connection, without its credentials. */
export const connectorViewSchema = z.object({
  connector: connectorKindSchema,
  state: connectorStateSchema,
  /** Why it must be connected again (state `reconnect`). */
  reason: z.string().nullable(),
  apiUrl: z.string().nullable(),
  auth: z.enum(['token', 'oauth']).nullable(),
  /** The account the credentials act as. */
  account: z.string().nullable(),
  scopes: z.string().nullable(),
  /** The permission a person needs for digital humans to use it: `connector.use:<connector>`. */
  permission: z.string(),
  /** The tools digital humans get from it. */
  tools: z.array(z.object({ name: z.string(), write: z.boolean() })),
  connectedAt: z.number().int().nullable(),
  /**
   * When a digital human's call of one of its tools last passed the gate on
   * this device (ISO 8601, e.g. `2026-12-06T09:30:00.000Z`); null when never.
   * Device-local: another device of the same person keeps its own.
   */
  lastUsedAt: z.string().datetime().nullable(),
});

const ref = { workspaceId: workspaceIdSchema, connector: connectorKindSchema };

/** Connector channels: name → input and output schema. */
export const connectorChannels = {
  /** The first-party connectors of a workspace on this device and where each stands. */
  'connector.list': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: z.array(connectorViewSchema) },
  /**
   * Connects a service: checks the credentials against it first (a token it
   * refuses is not saved). With OAuth, opens the authorization page in the
   * browser and resolves once the person came back (or refused, or 5 minutes passed).
   */
  'connector.add': {
    input: z.object({ ...ref, apiUrl: connectorUrlSchema.optional(), auth: connectorAuthInputSchema }).strict(),
    output: connectorViewSchema,
  },
  /** Checks the saved credentials against the service (a health check; changes nothing). */
  'connector.test': {
    input: z.object(ref).strict(),
    output: z.object({ ok: z.boolean(), message: z.string(), account: z.string().nullable(), scopes: z.string().nullable(), errorCode: z.string().nullable() }),
  },
  /** Replaces the credentials: a new token (checked before the old one is dropped), or a new OAuth authorization. */
  'connector.rotate': {
    input: z.object({ ...ref, token: connectorTokenSchema.optional() }).strict(),
    output: connectorViewSchema,
  },
  /** Disconnects: revokes OAuth tokens at the provider where it can, removes the keychain entries and the tools. */
  'connector.remove': {
    input: z.object(ref).strict(),
    output: z.object({ removed: z.boolean(), revoked: z.boolean(), problem: z.string().nullable() }),
  },
  /**
   * Cancels the OAuth sign-in of `connector` that waits in the browser
   * (`connector.add` or `connector.rotate`): the loopback listener closes at
   * once, nothing is saved, and the waiting call fails with code CLOSED.
   * `cancelled` is false when no sign-in of it was waiting.
   */
  'connector.oauthCancel': {
    input: z.object(ref).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
} as const;

/** Connector events. */
export const connectorEvents = {
  /**
   * An OAuth authorization waits in the browser: the shell opened `url` (the
   * desktop app does, through its safe external-open path); a window or the
   * command line shows it too, for when the browser did not come up.
   */
  'connector.authorizing': z.object({ workspaceId: z.string(), connector: connectorKindSchema, url: z.string() }),
  /** A workspace's connections changed (connected, reconnect needed, removed). */
  'connector.changed': z.object({ workspaceId: z.string() }),
} as const;
