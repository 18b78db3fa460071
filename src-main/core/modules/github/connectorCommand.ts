/**
 * `qwanyx connector list|add|test|rotate|remove --workspace W …`: the
 * first-party connectors (GitHub, Google, Microsoft 365) of a workspace on this device.
 *
 * A token never goes on the command line (shell history and the process
 * list would keep it): `--token-stdin` reads it from the first stdin line
 * (with a prompt on a terminal), `--token-env NAME` from an environment
 * variable. `--oauth` authorizes in the browser instead: the address is
 * printed on stderr, and the command waits until the browser comes back.
 * A provider's client secret (Google's desktop clients need one) comes the
 * same way, from stdin (`--client-secret-stdin`), never from the command line.
 */
import type { ChannelInput, ChannelOutput } from '../../../common/contract';
import { CONNECTOR_KINDS, type connectorKindSchema } from '../../../common/contract/connectorChannels';
import type { z } from 'zod';
import { callCore, parseInput } from '../../cli/callCore';
import type { CliCommand, CliSubcommand } from '../../cli/CliCommand';
import type { CliContext } from '../../cli/CliContext';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import { describeRest, REST_ADD_USAGE, restAdd, restAddFlags, restNameFlag, restRemove, restRotate, restTest } from '../rest/restConnectorCli';

type Kind = z.infer<typeof connectorKindSchema>;
type View = ChannelOutput<'connector.list'>[number];

function kindOf(args: string[]): Kind {
  const kind = CONNECTOR_KINDS.find((k) => k === args[0]);
  if (!kind) throw new CliUsageError(`the connector is one of ${[...CONNECTOR_KINDS, 'rest'].join(', ')} (got ${JSON.stringify((args[0] ?? '').slice(0, 40))})`);
  return kind;
}

function describe(v: View): string[] {
  if (v.state === 'none') return [`${v.connector}: not connected`];
  const lines = [
    `${v.connector}: ${v.state === 'connected' ? 'connected' : `needs to be connected again (${v.reason ?? 'refused'})`}`,
    `  Account:    ${v.account ?? '-'} (${v.auth === 'oauth' ? 'OAuth' : 'token'}, scopes: ${v.scopes ?? 'not reported'})`,
    `  API:        ${v.apiUrl ?? '-'}`,
    `  Permission: ${v.permission}`,
  ];
  if (v.tools.length > 0) lines.push(`  Tools:      ${v.tools.map((t) => (t.write ? `${t.name} (confirmed)` : t.name)).join(', ')}`);
  return lines;
}

/** The token from `--token-stdin` or `--token-env`, or undefined when neither is given. */
async function readToken(ctx: CliContext): Promise<string | undefined> {
  const { flags } = ctx;
  if (flags['token-stdin'] && flags['token-env'] !== undefined) throw new CliUsageError('give --token-stdin or --token-env, not both');
  if (flags['token-stdin']) {
    if (ctx.stdin.isTTY) ctx.err('Paste the token and press Enter:');
    const line = (await ctx.stdin.readLine())?.trim() ?? '';
    if (line === '') throw new CliUsageError('--token-stdin was given but no token came on stdin');
    return line;
  }
  if (flags['token-env'] !== undefined) {
    const name = flags['token-env'];
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) throw new CliUsageError('--token-env takes the name of an environment variable, e.g. GITHUB_TOKEN');
    const value = process.env[name]?.trim() ?? '';
    if (value === '') throw new CliUsageError(`the environment variable ${name} is not set`);
    return value;
  }
  return undefined;
}

/** The OAuth client secret from the first stdin line (with a prompt on a terminal). */
async function readClientSecret(ctx: CliContext): Promise<string> {
  if (ctx.stdin.isTTY) ctx.err('Paste the OAuth client secret and press Enter:');
  const line = (await ctx.stdin.readLine())?.trim() ?? '';
  if (line === '') throw new CliUsageError('--client-secret-stdin was given but no secret came on stdin');
  return line;
}

/** Runs `call` while printing the authorization address the core announces. */
async function showingAuthorization<T>(ctx: CliContext, call: () => Promise<T>): Promise<T> {
  const stop = ctx.core.onEvent((event, payload) => {
    if (event === 'connector.authorizing') ctx.err(`Open this address in your browser to authorize Qwanyx (waiting up to 5 minutes):\n${(payload as { url: string }).url}`);
  });
  try {
    return await call();
  } finally {
    stop();
  }
}

function print(ctx: CliContext, view: View, lead?: string): void {
  if (ctx.flags.json) ctx.out(JSON.stringify(view));
  else for (const line of lead ? [lead, ...describe(view)] : describe(view)) ctx.out(line);
}

const tokenFlags = { 'token-stdin': 'boolean', 'token-env': 'string' } as const;

const add: CliSubcommand = {
  usage: `connector add github|google|microsoft --workspace W [--api-url URL] (--token-stdin | --token-env NAME |
             --oauth --client-id ID [--client-secret-stdin] [--redirect-host 127.0.0.1|localhost]
             [--authorize-url URL --token-url URL] [--revoke-url URL] [--scopes a,b]) [--json]
       ${REST_ADD_USAGE}`,
  notes: ['(checks the credentials against the service before saving them in the keychain)'],
  flags: { workspace: 'string', 'api-url': 'string', ...tokenFlags, ...restAddFlags, oauth: 'boolean', 'client-id': 'string', 'client-secret-stdin': 'boolean', 'redirect-host': 'string', 'authorize-url': 'string', 'token-url': 'string', 'revoke-url': 'string', scopes: 'string', json: 'boolean' },
  positionals: 1,
  async run(ctx, args) {
    if (args[0] === 'rest') return restAdd(ctx);
    const { flags } = ctx;
    const connector = kindOf(args);
    const oauthOnly = ['client-id', 'client-secret-stdin', 'redirect-host', 'authorize-url', 'token-url', 'revoke-url', 'scopes'].filter((f) => flags[f] !== undefined && flags[f] !== false);
    if (!flags.oauth && oauthOnly.length > 0) throw new CliUsageError(`--${oauthOnly[0]} goes with --oauth`);
    const token = await readToken(ctx);
    if (flags.oauth && token !== undefined) throw new CliUsageError('give a token or --oauth, not both');
    if (!flags.oauth && token === undefined) throw new CliUsageError('connector add needs --token-stdin, --token-env NAME or --oauth');
    const clientSecret = flags['client-secret-stdin'] ? await readClientSecret(ctx) : undefined;
    const workspaceId = await resolveWorkspace(ctx.core, flags.workspace);
    const auth: ChannelInput<'connector.add'>['auth'] =
      token !== undefined
        ? { kind: 'token', token }
        : {
            kind: 'oauth',
            clientId: typeof flags['client-id'] === 'string' ? flags['client-id'] : '',
            ...(typeof flags['authorize-url'] === 'string' ? { authorizationEndpoint: flags['authorize-url'] } : {}),
            ...(typeof flags['token-url'] === 'string' ? { tokenEndpoint: flags['token-url'] } : {}),
            ...(typeof flags['revoke-url'] === 'string' ? { revocationEndpoint: flags['revoke-url'] } : {}),
            ...(typeof flags.scopes === 'string' ? { scopes: flags.scopes.split(',').map((s) => s.trim()).filter((s) => s !== '') } : {}),
            ...(clientSecret !== undefined ? { clientSecret } : {}),
            ...(typeof flags['redirect-host'] === 'string' ? { redirectHost: flags['redirect-host'] as '127.0.0.1' | 'localhost' } : {}),
          };
    if (auth.kind === 'oauth' && auth.clientId === '') throw new CliUsageError('--oauth needs --client-id (the OAuth app registered for Qwanyx)');
    const input = parseInput('connector.add', { workspaceId, connector, ...(typeof flags['api-url'] === 'string' ? { apiUrl: flags['api-url'] } : {}), auth });
    const view = await showingAuthorization(ctx, () => callCore(ctx.core, 'connector.add', input));
    print(ctx, view, 'Connected.');
  },
};

/** The first-party connectors of a workspace. */
export const connectorCommand: CliCommand = {
  name: 'connector',
  subcommands: {
    list: {
      usage: 'connector list --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run(ctx) {
        const workspaceId = await resolveWorkspace(ctx.core, ctx.flags.workspace);
        const views = await callCore(ctx.core, 'connector.list', { workspaceId });
        const rest = await callCore(ctx.core, 'rest.list', { workspaceId });
        if (ctx.flags.json) ctx.out(JSON.stringify([...views, ...rest]));
        else for (const line of [...views.flatMap(describe), ...rest.flatMap(describeRest)]) ctx.out(line);
      },
    },
    add,
    test: {
      usage: 'connector test github|google|microsoft|rest --workspace W [--name N] [--json]',
      notes: ['(a health check of the saved credentials; exit code 1 when refused)'],
      flags: { workspace: 'string', ...restNameFlag, json: 'boolean' },
      positionals: 1,
      async run(ctx, args) {
        if (args[0] === 'rest') return restTest(ctx);
        const connector = kindOf(args);
        const workspaceId = await resolveWorkspace(ctx.core, ctx.flags.workspace);
        const result = await callCore(ctx.core, 'connector.test', { workspaceId, connector });
        if (ctx.flags.json) ctx.out(JSON.stringify(result));
        else if (result.ok) ctx.out(result.message);
        if (!result.ok) throw new CliCommandError(result.errorCode ?? 'PROVIDER_REFUSED', result.message);
      },
    },
    rotate: {
      usage: 'connector rotate github|google|microsoft --workspace W [--token-stdin | --token-env NAME] [--json] | connector rotate rest --workspace W --name N [--username U]',
      notes: ['(a token connection takes the new token, checked first; an OAuth one authorizes again in the browser; rest: new secrets on stdin, or a browser sign-in again when its description uses OAuth)'],
      flags: { workspace: 'string', ...tokenFlags, ...restNameFlag, username: 'string', json: 'boolean' },
      positionals: 1,
      async run(ctx, args) {
        if (args[0] === 'rest') return restRotate(ctx);
        const connector = kindOf(args);
        const token = await readToken(ctx);
        const workspaceId = await resolveWorkspace(ctx.core, ctx.flags.workspace);
        const input = parseInput('connector.rotate', { workspaceId, connector, ...(token !== undefined ? { token } : {}) });
        const view = await showingAuthorization(ctx, () => callCore(ctx.core, 'connector.rotate', input));
        print(ctx, view, 'Rotated.');
      },
    },
    remove: {
      usage: 'connector remove github|google|microsoft|rest --workspace W [--name N] [--json]',
      notes: ['(revokes OAuth tokens where the provider can, removes the keychain entries and the tools)'],
      flags: { workspace: 'string', ...restNameFlag, json: 'boolean' },
      positionals: 1,
      async run(ctx, args) {
        if (args[0] === 'rest') return restRemove(ctx);
        const connector = kindOf(args);
        const workspaceId = await resolveWorkspace(ctx.core, ctx.flags.workspace);
        const out = await callCore(ctx.core, 'connector.remove', { workspaceId, connector });
        if (ctx.flags.json) ctx.out(JSON.stringify(out));
        else if (!out.removed) ctx.out(`${connector} was not connected.`);
        else ctx.out(`Disconnected ${connector}${out.revoked ? ' (its tokens were revoked at the provider)' : out.problem ? ` (not revoked at the provider: ${out.problem})` : ''}; its keychain entries are gone.`);
      },
    },
  },
};
