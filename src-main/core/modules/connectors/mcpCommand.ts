/**
 * `qwanyx mcp add|list|tools|call|restart|remove --workspace W …`: the MCP
 * servers a workspace uses on this device (docs/connectors-mcp.md).
 *
 * `--command 'CMD ARGS…'` is split into words like a shell would (quotes,
 * backslashes) and run without a shell. A header value, or the value of
 * `--secret-env`, goes to the keychain; to keep it out of shell history
 * and the process list, give only the name (`--header Authorization`) and
 * type the value on stdin.
 *
 * `--url URL --oauth [--client-id ID] [--scope S]` adds a server that signs
 * in with OAuth and starts the sign-in in the browser at once (the address
 * is printed too, for when no browser comes up); `mcp signin` signs in
 * again, and `mcp list` says who is signed in and who needs to.
 */
import { mcpOAuthClientIdSchema, mcpOAuthScopeSchema } from '../../../common/contract/mcpChannels';
import type { McpServerView, McpToolView } from '../../../common/contract';
import { splitCommandLine } from '../../../common/splitCommandLine';
import { callCore, parseInput } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import type { CliContext } from '../../cli/CliContext';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveWorkspace } from '../../cli/resolveTargets';
import { timeoutMs } from '../../cli/timeoutMs';

function nameFlag(flag: string | boolean | undefined, label: string): string {
  if (typeof flag !== 'string' || flag.trim() === '') throw new CliUsageError(`${label} needs --name <server name>`);
  return flag.trim();
}

/** `K=V` pairs of a repeated flag; a bare `K` reads its value from the next stdin line when `fromStdin` allows it. */
async function pairs(ctx: CliContext, flag: string, fromStdin: boolean): Promise<{ name: string; value: string }[]> {
  const out: { name: string; value: string }[] = [];
  for (const raw of ctx.lists?.[flag] ?? []) {
    const eq = raw.indexOf('=');
    if (eq === 0) throw new CliUsageError(`--${flag} takes NAME=VALUE (got "${raw.slice(0, 40)}")`);
    if (eq > 0) {
      out.push({ name: raw.slice(0, eq), value: raw.slice(eq + 1) });
      continue;
    }
    if (!fromStdin) throw new CliUsageError(`--${flag} takes NAME=VALUE (got "${raw.slice(0, 40)}")`);
    if (ctx.stdin.isTTY) ctx.err(`Type the value of ${raw} and press Enter:`);
    const line = await ctx.stdin.readLine();
    if (line === null || line === '') throw new CliUsageError(`--${flag} ${raw} was given without a value and none came on stdin`);
    out.push({ name: raw, value: line });
  }
  return out;
}

/** A line per server, one more for its OAuth sign-in, and one for its last error. */
function describeServer(s: McpServerView, workspaceId: string): string[] {
  const target = s.transport === 'stdio' ? [s.command, ...s.args].join(' ') : (s.url ?? '');
  const tools = s.tools === null ? 'tools not listed yet' : `${s.tools.length} tool${s.tools.length === 1 ? '' : 's'}`;
  const oauth = s.oauth === null ? [] : [s.oauth.state === 'signed-in' ? '    OAuth: signed in' : `    OAuth: needs sign-in (${s.oauth.reason ?? 'not signed in'}): qwanyx mcp signin --workspace ${workspaceId} --name ${s.name}`];
  return [`${s.name}  ${s.status}  ${s.transport}: ${target}  (${tools})`, ...oauth, ...(s.lastError ? [`    last error: ${s.lastError}`] : [])];
}

/** An optional string flag checked against `schema`, with the flag's name in the error. */
function checked(flag: string | boolean | undefined, name: string, schema: typeof mcpOAuthClientIdSchema | typeof mcpOAuthScopeSchema): string | undefined {
  if (flag === undefined) return undefined;
  if (typeof flag !== 'string') throw new CliUsageError(`--${name} needs a value`);
  const parsed = schema.safeParse(flag);
  if (!parsed.success) throw new CliUsageError(`--${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** Runs the sign-in of `name`, printing the address the core announces (the browser may not come up). */
async function signingIn(ctx: CliContext, workspaceId: string, name: string): Promise<McpServerView> {
  const stop = ctx.core.onEvent((event, payload) => {
    if (event === 'mcp.authorizing' && (payload as { name: string }).name === name) {
      ctx.err(`Open this address in your browser to sign in to ${name} (waiting up to 5 minutes):\n${(payload as { url: string }).url}`);
    }
  });
  try {
    return await callCore(ctx.core, 'mcp.signIn', { workspaceId, name });
  } finally {
    stop();
  }
}

/** Two lines per tool: its name and whether it asks for confirmation, then its description's first line. */
function describeTool(t: McpToolView): string[] {
  return [`${t.name}${t.readOnly ? '  [read-only]' : '  [asks for confirmation]'}`, `    ${t.description.split('\n')[0]}`];
}

/** The MCP servers of a workspace on this device. */
export const mcpCommand: CliCommand = {
  name: 'mcp',
  subcommands: {
    add: {
      usage: `mcp add --workspace W --name N (--command 'CMD ARGS…' [--env K=V]… [--secret-env K[=V]]…
             | --url URL [--header K[=V]]… [--oauth [--client-id ID] [--scope S]]) [--timeout SECONDS] [--json]`,
      notes: [
        '(a header or secret env value goes to the keychain; give K alone to type it on stdin)',
        '(--oauth: sign in in the browser now; tokens stay in the keychain; without --client-id the app registers itself when the server allows it)',
        '(--timeout: longest wait for one tool call, default 30)',
      ],
      flags: { workspace: 'string', name: 'string', command: 'string', url: 'string', env: 'strings', 'secret-env': 'strings', header: 'strings', oauth: 'boolean', 'client-id': 'string', scope: 'string', timeout: 'string', json: 'boolean' },
      async run(ctx) {
        const { core, flags, out } = ctx;
        const name = nameFlag(flags.name, 'mcp add');
        const hasCommand = typeof flags.command === 'string';
        const hasUrl = typeof flags.url === 'string';
        if (hasCommand === hasUrl) throw new CliUsageError("mcp add needs either --command 'CMD ARGS…' (a stdio server) or --url URL (a Streamable HTTP server)");
        if (hasUrl && ((ctx.lists?.env?.length ?? 0) > 0 || (ctx.lists?.['secret-env']?.length ?? 0) > 0)) throw new CliUsageError('--env and --secret-env go with --command, not --url');
        if (hasCommand && (ctx.lists?.header?.length ?? 0) > 0) throw new CliUsageError('--header goes with --url, not --command');
        const oauth = flags.oauth === true;
        if (oauth && !hasUrl) throw new CliUsageError('--oauth goes with --url (a Streamable HTTP server), not --command');
        if (!oauth && (flags['client-id'] !== undefined || flags.scope !== undefined)) throw new CliUsageError('--client-id and --scope go with --oauth');
        const clientId = checked(flags['client-id'], 'client-id', mcpOAuthClientIdSchema);
        const scope = checked(flags.scope, 'scope', mcpOAuthScopeSchema);
        if (oauth && (ctx.lists?.header ?? []).some((h) => h.split('=')[0]!.toLowerCase() === 'authorization')) {
          throw new CliUsageError('--oauth gets the Authorization header from the sign-in: leave out --header Authorization');
        }
        const callTimeoutMs = flags.timeout === undefined ? undefined : timeoutMs(flags.timeout, 30);
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        let input;
        if (hasCommand) {
          let words: string[];
          try {
            words = splitCommandLine(flags.command as string);
          } catch (err) {
            throw new CliUsageError(`--command: ${(err as Error).message}`);
          }
          const [command, ...args] = words;
          if (command === undefined) throw new CliUsageError('--command is empty');
          const env = [...(await pairs(ctx, 'env', false)).map((p) => ({ ...p, secret: false })), ...(await pairs(ctx, 'secret-env', true)).map((p) => ({ ...p, secret: true }))];
          input = parseInput('mcp.add', { workspaceId, name, transport: 'stdio', command, args, env, ...(callTimeoutMs !== undefined ? { callTimeoutMs } : {}) });
        } else {
          const headers = await pairs(ctx, 'header', true);
          input = parseInput('mcp.add', {
            workspaceId,
            name,
            transport: 'http',
            url: flags.url,
            headers,
            ...(oauth ? { oauth: { ...(clientId !== undefined ? { clientId } : {}), ...(scope !== undefined ? { scope } : {}) } } : {}),
            ...(callTimeoutMs !== undefined ? { callTimeoutMs } : {}),
          });
        }
        let server = await callCore(core, 'mcp.add', input);
        if (oauth) {
          try {
            server = await signingIn(ctx, workspaceId, server.name);
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            const code = (err as { code?: unknown }).code;
            throw new CliCommandError(typeof code === 'string' ? code : 'PROVIDER_REFUSED', `Added ${name}, but the sign-in did not finish: ${message} Sign in with \`qwanyx mcp signin --workspace ${workspaceId} --name ${name}\`.`);
          }
        }
        if (flags.json) out(JSON.stringify(server));
        else if (oauth) out(`Added ${server.name} and signed in. \`qwanyx mcp tools --workspace ${workspaceId} --name ${server.name}\` lists its tools.`);
        else out(`Added ${server.name}. It starts when first used; \`qwanyx mcp tools --workspace ${workspaceId} --name ${server.name}\` starts it and lists its tools.`);
      },
    },
    list: {
      usage: 'mcp list --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const servers = await callCore(core, 'mcp.list', { workspaceId });
        if (flags.json) out(JSON.stringify(servers));
        else if (servers.length === 0) out('No MCP server in this workspace on this device (qwanyx mcp add adds one).');
        else for (const line of servers.flatMap((s) => describeServer(s, workspaceId))) out(line);
      },
    },
    tools: {
      usage: 'mcp tools --workspace W --name N [--json]',
      notes: ['(starts the server if needed)'],
      flags: { workspace: 'string', name: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const name = nameFlag(flags.name, 'mcp tools');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const tools = await callCore(core, 'mcp.tools', { workspaceId, name });
        if (flags.json) out(JSON.stringify(tools));
        else if (tools.length === 0) out(`${name} has no tools.`);
        else for (const line of tools.flatMap(describeTool)) out(line);
      },
    },
    call: {
      usage: "mcp call --workspace W --name N --tool T [--args '{JSON}'] [--json]",
      notes: ['(T is the tool name on the server, or its mcp_<server>_<tool> name)'],
      flags: { workspace: 'string', name: 'string', tool: 'string', args: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const name = nameFlag(flags.name, 'mcp call');
        if (typeof flags.tool !== 'string' || flags.tool === '') throw new CliUsageError('mcp call needs --tool <tool name>');
        let args: unknown = {};
        if (flags.args !== undefined) {
          try {
            args = JSON.parse(String(flags.args));
          } catch {
            throw new CliUsageError('--args takes a JSON object, e.g. --args \'{"query":"acme"}\'');
          }
          if (args === null || typeof args !== 'object' || Array.isArray(args)) throw new CliUsageError('--args takes a JSON object, e.g. --args \'{"query":"acme"}\'');
        }
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const result = await callCore(core, 'mcp.call', { workspaceId, name, tool: flags.tool, arguments: args as Record<string, unknown> });
        if (flags.json) out(JSON.stringify(result));
        else for (const part of result.content) out(typeof part === 'object' && part !== null && 'text' in part ? String((part as { text: unknown }).text) : JSON.stringify(part));
        if (result.isError) throw new CliCommandError('PROVIDER_REFUSED', `the tool ${flags.tool} of ${name} reported an error`);
      },
    },
    signin: {
      usage: 'mcp signin --workspace W --name N [--json]',
      notes: ['(signs in again in the browser to a server added with --oauth; the address is printed too)'],
      flags: { workspace: 'string', name: 'string', json: 'boolean' },
      async run(ctx) {
        const name = nameFlag(ctx.flags.name, 'mcp signin');
        const workspaceId = await resolveWorkspace(ctx.core, ctx.flags.workspace);
        const server = await signingIn(ctx, workspaceId, name);
        if (ctx.flags.json) ctx.out(JSON.stringify(server));
        else ctx.out(`Signed in to ${name}.`);
      },
    },
    restart: {
      usage: 'mcp restart --workspace W --name N [--json]',
      flags: { workspace: 'string', name: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const name = nameFlag(flags.name, 'mcp restart');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const server = await callCore(core, 'mcp.restart', { workspaceId, name });
        if (flags.json) out(JSON.stringify(server));
        else for (const line of describeServer(server, workspaceId)) out(line);
        if (server.status === 'failed') throw new CliCommandError('PROVIDER_UNREACHABLE', server.lastError ?? `${name} failed to start`);
      },
    },
    remove: {
      usage: 'mcp remove --workspace W --name N',
      notes: ['(stops it and deletes its keychain entries)'],
      flags: { workspace: 'string', name: 'string' },
      async run({ core, flags, out }) {
        const name = nameFlag(flags.name, 'mcp remove');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        await callCore(core, 'mcp.remove', { workspaceId, name });
        out(`Removed ${name}.`);
      },
    },
  },
};
