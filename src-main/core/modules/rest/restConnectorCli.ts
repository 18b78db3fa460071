/**
 * The `rest` kind of `qwanyx connector …` (docs/connectors-rest.md):
 *   connector add rest --workspace W --name espo --spec espocrm|hubspot|PATH --base-url URL
 *                      [--auth hmac|header|basic] [--key-header NAME] [--key-prefix 'Bearer '] [--username U] [--json]
 *   connector add rest … --spec FILE.json --base-url URL --oauth --client-id ID [--client-secret-stdin]
 *   connector test|rotate|remove rest --workspace W --name espo
 * Secrets never go on the command line: they come on stdin, one per line
 * (hmac: the API key, then the secret key; header: the key; basic: the
 * password, with `--username`; OAuth: the client secret, when the server
 * asks for one), with a prompt on a terminal. A description whose auth is
 * `oauth` signs in in the browser: the address is printed too (for when no
 * browser came up), and rotating signs in again.
 */
import fs from 'node:fs';
import type { ChannelInput, ChannelOutput } from '../../../common/contract';
import { callCore, parseInput } from '../../cli/callCore';
import type { CliContext } from '../../cli/CliContext';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';

type View = ChannelOutput<'rest.list'>[number];
type Credentials = ChannelInput<'rest.add'>['credentials'];
/** The kinds connected with keys (OAuth signs in in the browser instead). */
type AuthKind = Exclude<Credentials['kind'], 'oauth'>;

/** The flags the rest kind adds to `connector add|test|rotate|remove`. */
export const restAddFlags = { name: 'string', spec: 'string', 'base-url': 'string', auth: 'string', 'key-header': 'string', 'key-prefix': 'string', username: 'string' } as const;
export const restNameFlag = { name: 'string' } as const;

export const REST_ADD_USAGE = `connector add rest --workspace W --name N --spec espocrm|hubspot|notion|FILE.json --base-url URL
             [--auth hmac|header|basic] [--key-header NAME] [--key-prefix TEXT] [--username U] [--json]
             [--oauth --client-id ID [--client-secret-stdin]]   (a description whose auth is oauth: sign-in in the browser)
             (secrets on stdin, one a line: hmac: API key then secret key; header: the key; basic: the password; oauth: the client secret)`;

export function describeRest(v: View): string[] {
  const lines = [
    `rest ${v.name} (${v.service}): ${v.state === 'connected' ? 'connected' : `needs to be connected again (${v.reason ?? 'refused'})`}`,
    `  API:        ${v.baseUrl} (${v.auth}${v.header ? ` in ${v.header}` : ''}${v.oauth && v.oauth.scopes.length > 0 ? `, scopes: ${v.oauth.scopes.join(' ')}` : ''}, description: ${v.specSource})`,
    `  Permission: ${v.permission}`,
  ];
  if (v.tools.length > 0) lines.push(`  Tools:      ${v.tools.map((t) => (t.write ? `${t.name} (confirmed)` : t.name)).join(', ')}`);
  return lines;
}

function nameOf(ctx: CliContext): string {
  const name = ctx.flags.name;
  if (typeof name !== 'string' || name === '') throw new CliUsageError('the rest kind needs --name (the connection, e.g. espo)');
  return name;
}

async function secretLine(ctx: CliContext, what: string): Promise<string> {
  if (ctx.stdin.isTTY) ctx.err(`Paste ${what} and press Enter:`);
  const line = (await ctx.stdin.readLine())?.trim() ?? '';
  if (line === '') throw new CliUsageError(`${what} was expected on stdin`);
  return line;
}

async function readCredentials(ctx: CliContext, kind: AuthKind): Promise<Credentials> {
  if (kind === 'hmac') return { kind, apiKey: await secretLine(ctx, 'the API key'), secretKey: await secretLine(ctx, 'the secret key') };
  if (kind === 'header') return { kind, value: await secretLine(ctx, 'the API key') };
  const username = ctx.flags.username;
  if (typeof username !== 'string' || username === '') throw new CliUsageError('--auth basic needs --username (the password comes on stdin)');
  return { kind, username, password: await secretLine(ctx, 'the password') };
}

/** Runs `call` while printing the sign-in address the core announces for connection `name`. */
async function showingAuthorization<T>(ctx: CliContext, name: string, call: () => Promise<T>): Promise<T> {
  const stop = ctx.core.onEvent((event, payload) => {
    const p = payload as { name?: unknown; url?: unknown };
    if (event === 'rest.authorizing' && p.name === name) ctx.err(`Open this address in your browser to authorize Qwanyx (waiting up to 5 minutes):\n${String(p.url)}`);
  });
  try {
    return await call();
  } finally {
    stop();
  }
}

/** The OAuth credentials of `connector add rest --oauth`: the client id, and the client secret from stdin when asked. */
async function oauthCredentials(ctx: CliContext): Promise<Credentials> {
  const clientId = ctx.flags['client-id'];
  if (typeof clientId !== 'string' || clientId === '') throw new CliUsageError('--oauth needs --client-id (the OAuth app registered for Qwanyx at the service)');
  return { kind: 'oauth', clientId, ...(ctx.flags['client-secret-stdin'] ? { clientSecret: await secretLine(ctx, 'the OAuth client secret') } : {}) };
}

function authKindOf(raw: unknown, fallback: AuthKind | null): AuthKind {
  if (raw === undefined) {
    if (fallback === null) throw new CliUsageError('give --auth hmac|header|basic');
    return fallback;
  }
  if (raw !== 'hmac' && raw !== 'header' && raw !== 'basic') throw new CliUsageError(`--auth is hmac, header or basic (got ${JSON.stringify(String(raw).slice(0, 20))})`);
  return raw;
}

function print(ctx: CliContext, view: View, lead: string): void {
  if (ctx.flags.json) ctx.out(JSON.stringify(view));
  else for (const line of [lead, ...describeRest(view)]) ctx.out(line);
}

export async function restAdd(ctx: CliContext): Promise<void> {
  const { flags } = ctx;
  const name = nameOf(ctx);
  const specRef = flags.spec;
  if (typeof specRef !== 'string' || specRef === '') throw new CliUsageError('give --spec espocrm, hubspot, notion or the path of a JSON description');
  if (typeof flags['base-url'] !== 'string') throw new CliUsageError('give --base-url (e.g. https://crm.example.com/api/v1)');
  let spec: ChannelInput<'rest.add'>['spec'];
  let fallback: AuthKind | null;
  let describesOAuth = false;
  if (specRef === 'espocrm' || specRef === 'hubspot' || specRef === 'notion') {
    spec = specRef;
    fallback = specRef === 'espocrm' ? 'hmac' : 'header';
  } else {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(specRef, 'utf8'));
    } catch (err) {
      throw new CliUsageError(`--spec ${specRef} cannot be read as JSON: ${(err as Error).message}`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new CliUsageError(`--spec ${specRef} is not a JSON object`);
    spec = raw as Record<string, unknown>;
    const a = (raw as { auth?: { kind?: unknown } }).auth?.kind;
    fallback = a === 'hmac' || a === 'header' || a === 'basic' ? a : null;
    describesOAuth = a === 'oauth';
  }
  const oauthOnly = ['client-id', 'client-secret-stdin'].filter((f) => flags[f] !== undefined && flags[f] !== false);
  if (!flags.oauth && oauthOnly.length > 0) throw new CliUsageError(`--${oauthOnly[0]} goes with --oauth`);
  if (flags.oauth || (describesOAuth && flags.auth === undefined)) {
    if (flags.auth !== undefined || flags['key-header'] !== undefined || flags['key-prefix'] !== undefined || flags.username !== undefined) throw new CliUsageError('--oauth signs in in the browser: leave out --auth, --key-header, --key-prefix and --username');
    const workspaceId = await resolveWorkspace(ctx.core, flags.workspace);
    const credentials = await oauthCredentials(ctx);
    const input = parseInput('rest.add', { workspaceId, name, baseUrl: flags['base-url'], spec, ...(typeof spec === 'string' ? {} : { specSource: specRef.slice(-300) }), credentials });
    print(ctx, await showingAuthorization(ctx, name, () => callCore(ctx.core, 'rest.add', input)), 'Connected.');
    return;
  }
  const kind = authKindOf(flags.auth, fallback);
  if (kind !== 'header' && (flags['key-header'] !== undefined || flags['key-prefix'] !== undefined)) throw new CliUsageError('--key-header and --key-prefix go with --auth header');
  const workspaceId = await resolveWorkspace(ctx.core, flags.workspace);
  const credentials = await readCredentials(ctx, kind);
  const auth =
    flags.auth === undefined && flags['key-header'] === undefined && flags['key-prefix'] === undefined
      ? undefined
      : { kind, ...(typeof flags['key-header'] === 'string' ? { header: flags['key-header'] } : {}), ...(typeof flags['key-prefix'] === 'string' ? { prefix: flags['key-prefix'] } : {}) };
  const input = parseInput('rest.add', { workspaceId, name, baseUrl: flags['base-url'], spec, ...(typeof spec === 'string' ? {} : { specSource: specRef.slice(-300) }), ...(auth ? { auth } : {}), credentials });
  print(ctx, await callCore(ctx.core, 'rest.add', input), 'Connected.');
}

export async function restTest(ctx: CliContext): Promise<void> {
  const workspaceId = await resolveWorkspace(ctx.core, ctx.flags.workspace);
  const result = await callCore(ctx.core, 'rest.test', { workspaceId, name: nameOf(ctx) });
  if (ctx.flags.json) ctx.out(JSON.stringify(result));
  else if (result.ok) ctx.out(result.message);
  if (!result.ok) throw new CliCommandError(result.errorCode ?? 'PROVIDER_REFUSED', result.message);
}

export async function restRotate(ctx: CliContext): Promise<void> {
  const name = nameOf(ctx);
  const workspaceId = await resolveWorkspace(ctx.core, ctx.flags.workspace);
  const current = (await callCore(ctx.core, 'rest.list', { workspaceId })).find((v) => v.name === name);
  if (!current) throw new CliCommandError('NOT_FOUND', `No REST connection named ${name} in this workspace on this device`);
  if (current.auth === 'oauth') {
    print(ctx, await showingAuthorization(ctx, name, () => callCore(ctx.core, 'rest.rotate', { workspaceId, name })), 'Signed in again.');
    return;
  }
  const credentials = await readCredentials(ctx, current.auth);
  print(ctx, await callCore(ctx.core, 'rest.rotate', parseInput('rest.rotate', { workspaceId, name, credentials })), 'Rotated.');
}

export async function restRemove(ctx: CliContext): Promise<void> {
  const name = nameOf(ctx);
  const workspaceId = await resolveWorkspace(ctx.core, ctx.flags.workspace);
  const out = await callCore(ctx.core, 'rest.remove', { workspaceId, name });
  if (ctx.flags.json) ctx.out(JSON.stringify(out));
  else if (!out.removed) ctx.out(`rest ${name} was not connected.`);
  else ctx.out(`Disconnected rest ${name}${out.revoked ? ' (its tokens were revoked at the service)' : out.problem ? ` (not revoked at the service: ${out.problem})` : ''}; its keychain entries are gone.`);
}
