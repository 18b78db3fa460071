/**
 * Contract of REST connections (docs/connectors-rest.md): a workspace
 * connects a REST service on this device from a description of its named
 * operations (a shipped one, `espocrm` or `hubspot`, or its own JSON), a
 * base URL and credentials (an API key header, basic, HMAC, or OAuth: a
 * sign-in in the browser with the person's client id, when the description
 * names OAuth endpoints). Its digital humans then get one tool per
 * operation. Credentials go in (`rest.add`, `rest.rotate`) and never come
 * out: they live in the OS keychain under the workspace, and the OAuth
 * tokens go from the service to the keychain without passing here. Changes
 * are announced with `connector.changed`; a sign-in waiting in the browser
 * with `rest.authorizing`.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import { connectorAuthInputSchema, connectorStateSchema, connectorUrlSchema } from './connectorChannels';
import { hasControlChars } from './hasControlChars';

export const restNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{0,23}$/, 'A connection name is 1 to 24 lowercase letters, digits or dashes, starting with a letter (e.g. espo)');

/** The OAuth variant of the first-party connectors' auth: the same client id and client secret rules. */
const connectorAuthOAuthSchema = connectorAuthInputSchema.options[1];

const secret = (what: string) =>
  z
    .string()
    .min(1, `${what} is empty`)
    .max(4000, `${what} is too long`)
    .refine((v) => !hasControlChars(v), `${what} cannot hold control characters or line breaks`);

/** The credentials of a connection, by authentication kind. */
export const restCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('header'), value: secret('The API key') }).strict(),
  z.object({ kind: z.literal('basic'), username: secret('The user name').refine((u) => !u.includes(':'), 'A user name cannot hold ":"'), password: secret('The password') }).strict(),
  z.object({ kind: z.literal('hmac'), apiKey: secret('The API key'), secretKey: secret('The secret key') }).strict(),
  /** A sign-in in the browser at the description's OAuth endpoints with the person's OAuth app (`rest.add` only: rotating signs in again). */
  z
    .object({
      kind: z.literal('oauth'),
      /** One check, so an empty field gets one message people can act on. */
      clientId: z.string().trim().regex(/^[\x21-\x7e]{1,256}$/, 'The client id of the OAuth app is needed: 1 to 256 printable characters without spaces'),
      /** For a server that asks the app for its client secret (sent in the token request's body, kept in the keychain). */
      clientSecret: connectorAuthOAuthSchema.shape.clientSecret,
    })
    .strict(),
]);

/** The non-secret part: which header carries the key and what goes before it (`Bearer `). */
export const restAuthSchema = z
  .object({
    kind: z.enum(['header', 'basic', 'hmac', 'oauth']),
    header: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'An HTTP header name').nullable().default(null),
    prefix: z.string().max(32).regex(/^[\x20-\x7e]*$/).default(''),
  })
  .strict();

export const restViewSchema = z.object({
  name: z.string(),
  /** `rest-<name>`: the permission is `connector.use:rest-<name>`. */
  connector: z.string(),
  service: z.string(),
  specSource: z.string(),
  state: connectorStateSchema,
  reason: z.string().nullable(),
  baseUrl: z.string(),
  auth: z.enum(['header', 'basic', 'hmac', 'oauth']),
  header: z.string().nullable(),
  /** An OAuth connection: the scopes its description asks for, and whether removing it revokes the grant at the service. */
  oauth: z.object({ scopes: z.array(z.string()), revocable: z.boolean() }).nullable(),
  permission: z.string(),
  tools: z.array(z.object({ name: z.string(), write: z.boolean() })),
  connectedAt: z.number().int(),
  /** When a digital human's call of one of its tools last passed the gate on this device (ISO 8601); null when never. */
  lastUsedAt: z.string().datetime().nullable(),
});

const ref = { workspaceId: workspaceIdSchema, name: restNameSchema };

export const restChannels = {
  /** The REST connections of a workspace on this device. */
  'rest.list': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: z.array(restViewSchema) },
  /**
   * Connects (or replaces) a connection; the credentials are checked on the
   * description's health path first. With `credentials.kind` `oauth`, opens
   * the description's authorization page in the browser (`rest.authorizing`)
   * and resolves once the person came back (or refused, or 5 minutes passed).
   */
  'rest.add': {
    input: z
      .object({
        ...ref,
        baseUrl: connectorUrlSchema,
        /** A shipped description by name, or a description (checked by the core). */
        spec: z.union([z.enum(['espocrm', 'hubspot', 'notion']), z.record(z.string(), z.unknown())]),
        /** Where the description came from (a file name), shown in the list. */
        specSource: z.string().max(300).optional(),
        /** Default: what the description says. */
        auth: restAuthSchema.optional(),
        credentials: restCredentialsSchema,
      })
      .strict(),
    output: restViewSchema,
  },
  /** A health check of the saved credentials (changes nothing but the reconnect state on a 401). */
  'rest.test': {
    input: z.object(ref).strict(),
    output: z.object({ ok: z.boolean(), message: z.string(), errorCode: z.string().nullable() }),
  },
  /**
   * Replaces the credentials, checked first (the old ones stay when the new
   * are refused). An OAuth connection takes none: it signs in again in the
   * browser with the same OAuth app.
   */
  'rest.rotate': { input: z.object({ ...ref, credentials: restCredentialsSchema.optional() }).strict(), output: restViewSchema },
  /** Removes the connection: its keychain entries, its description and its tools; an OAuth grant is revoked where the description names a revocation URL. */
  'rest.remove': { input: z.object(ref).strict(), output: z.object({ removed: z.boolean(), revoked: z.boolean(), problem: z.string().nullable() }) },
  /** Cancels the OAuth sign-in of `name` that waits in the browser: nothing is saved, the waiting call fails with code CLOSED. */
  'rest.oauthCancel': { input: z.object(ref).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const;

/** REST events. */
export const restEvents = {
  /** An OAuth sign-in of connection `name` waits in the browser at `url` (the shell opened it; a window or the command line shows it too). */
  'rest.authorizing': z.object({ workspaceId: z.string(), name: z.string(), url: z.string() }),
} as const;
