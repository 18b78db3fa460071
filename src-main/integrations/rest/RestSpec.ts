/**
 * The description of a REST service a workspace imports: its named
 * operations (method, path template with `{params}`, query and body
 * parameters with types, read or write) and a health check. Each operation
 * becomes a tool `rest_<connection>_<operation>` (restTools.ts). Never holds
 * a credential: those go in the keychain (RestConnector).
 *
 * Format (JSON):
 *   {"name":"EspoCRM","description":"…","auth":{"kind":"hmac"}|{"kind":"header","header":"Authorization","prefix":"Bearer "}|{"kind":"basic"}
 *            |{"kind":"oauth","authorizationUrl":"https://…","tokenUrl":"https://…","revocationUrl"?:"https://…","scopes":["…"]},
 *    "health":{"path":"App/user"},
 *    "operations":[{"name":"get_account","description":"…","method":"GET","path":"Account/{id}","kind":"read",
 *                   "params":[{"name":"id","in":"path","type":"string","required":true,"description":"…"}]}]}
 * Parameter `in`: path | query | body; `type`: string | integer | number | boolean |
 * object (a JSON object set as that body key) | array (a JSON array, same) | fields (a JSON object whose keys
 * are merged at the top of the body). Paths are relative to the base URL.
 * An `oauth` auth names the service's OAuth 2.1 endpoints (https, plain
 * http only on this computer, as every connector address) and scopes; the
 * client id and secret are the person's, given when connecting, never here.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { ValidationError } from '../../common/AppError';
import { serviceUrlSchema } from '../../common/contract/serviceUrlSchema';
import espocrm from './specs/espocrm.json';
import hubspot from './specs/hubspot.json';
import notion from './specs/notion.json';

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a name of lowercase letters, digits and underscores starting with a letter (at most 32)');
const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'an HTTP header name');

export const restAuthKindSchema = z.enum(['header', 'basic', 'hmac', 'oauth']);

/** An OAuth endpoint of a description: the connectors' address rules (https, plain http only for this computer, no credentials). */
const oauthUrl = (example: string) =>
  serviceUrlSchema({
    lookLike: `an address like https://auth.example.com/oauth/${example} is expected`,
    credentials: 'the address cannot hold credentials, a query or a fragment',
    allowQuery: false,
    name: 'the address',
  });

/** A scope as OAuthProvider takes it: printable ASCII without spaces, quotes or backslashes. */
const oauthScope = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/, 'a scope is printable ASCII without spaces, quotes or backslashes');

/** How the spec says to authenticate by default (a connection may choose otherwise). */
export const restSpecAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('header'), header: headerName, prefix: z.string().max(32).regex(/^[\x20-\x7e]*$/).default('') }).strict(),
  z.object({ kind: z.literal('basic') }).strict(),
  z.object({ kind: z.literal('hmac') }).strict(),
  z
    .object({
      kind: z.literal('oauth'),
      authorizationUrl: oauthUrl('authorize'),
      tokenUrl: oauthUrl('token'),
      /** RFC 7009 endpoint: the tokens are revoked there when the connection is removed. */
      revocationUrl: oauthUrl('revoke').optional(),
      scopes: z.array(oauthScope).max(50).default([]),
    })
    .strict(),
]);

const paramSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a parameter name (letters, digits, underscores)'),
    in: z.enum(['path', 'query', 'body']),
    type: z.enum(['string', 'integer', 'number', 'boolean', 'object', 'array', 'fields']),
    description: z.string().max(500).default(''),
    required: z.boolean().default(false),
    enum: z.array(z.string().max(100)).min(1).max(50).optional(),
    /** Strings: longest length; numbers: highest value. */
    max: z.number().optional(),
    min: z.number().optional(),
  })
  .strict();

const operationSchema = z
  .object({
    name: identifier,
    description: z.string().min(1).max(1000),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string().min(1).max(500).regex(/^[A-Za-z0-9_.~{}/-]+$/, 'a path relative to the base URL, with {param} placeholders'),
    kind: z.enum(['read', 'write']),
    params: z.array(paramSchema).max(50).default([]),
  })
  .strict()
  .superRefine((op, ctx) => {
    const placeholders = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
    const pathParams = op.params.filter((p) => p.in === 'path').map((p) => p.name);
    for (const name of placeholders) if (!pathParams.includes(name)) ctx.addIssue({ code: 'custom', message: `path placeholder {${name}} has no "in":"path" parameter` });
    for (const name of pathParams) if (!placeholders.includes(name)) ctx.addIssue({ code: 'custom', message: `path parameter ${name} is not in the path` });
    if (op.path.startsWith('/')) ctx.addIssue({ code: 'custom', message: 'the path is relative to the base URL (no leading /)' });
    const names = op.params.map((p) => p.name);
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: 'two parameters have the same name' });
    for (const p of op.params) {
      if (p.in === 'path' && (p.type === 'object' || p.type === 'array' || p.type === 'fields' || !p.required)) ctx.addIssue({ code: 'custom', message: `path parameter ${p.name} must be a required string or number` });
      if (p.in !== 'body' && (p.type === 'object' || p.type === 'array' || p.type === 'fields')) ctx.addIssue({ code: 'custom', message: `parameter ${p.name}: ${p.type} only goes in the body` });
      if (p.in === 'body' && op.method === 'GET') ctx.addIssue({ code: 'custom', message: `parameter ${p.name}: a GET has no body` });
    }
  });

export const restSpecSchema = z
  .object({
    name: z.string().min(1).max(80),
    description: z.string().max(1000).default(''),
    auth: restSpecAuthSchema.optional(),
    /** Fixed headers every request carries (an API version); never a credential. */
    headers: z.record(headerName, z.string().max(200).regex(/^[\x20-\x7e]*$/, 'printable characters')).optional(),
    /** A GET that answers 2xx when the credentials are accepted (`qwanyx connector test`). */
    health: z.object({ path: z.string().min(1).max(500).regex(/^[A-Za-z0-9_.~/?=&-]+$/) }).strict(),
    operations: z.array(operationSchema).min(1).max(100),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const names = spec.operations.map((o) => o.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) ctx.addIssue({ code: 'custom', message: `two operations are named ${dup}` });
  });

export type RestSpec = z.infer<typeof restSpecSchema>;
export type RestOperation = RestSpec['operations'][number];
export type RestParam = RestOperation['params'][number];

/** The shipped descriptions, by the name `--spec` takes. */
export const SHIPPED_REST_SPECS = { espocrm, hubspot, notion } as const;
export type ShippedRestSpec = keyof typeof SHIPPED_REST_SPECS;

/** Validates a description; the error names where it is wrong ("operations.2.path: …"). */
export function parseRestSpec(raw: unknown, source: string): RestSpec {
  const parsed = restSpecSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  throw new ValidationError(`The REST description ${source} is not valid: ${issues.join('; ')}`);
}

/** A shipped description by name (`espocrm`, `hubspot`), or the JSON file at `ref`. */
export function loadRestSpec(ref: string): RestSpec {
  if (Object.hasOwn(SHIPPED_REST_SPECS, ref)) return parseRestSpec(SHIPPED_REST_SPECS[ref as ShippedRestSpec], ref);
  let text: string;
  try {
    const stat = fs.statSync(ref);
    if (!stat.isFile() || stat.size > 512 * 1024) throw new ValidationError(`The REST description ${ref} is not a file of at most 512 KB`);
    text = fs.readFileSync(ref, 'utf8');
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError(`The REST description ${ref} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); give espocrm, hubspot or the path of a JSON file`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`The REST description ${ref} is not JSON: ${(err as Error).message}`);
  }
  return parseRestSpec(raw, ref);
}
