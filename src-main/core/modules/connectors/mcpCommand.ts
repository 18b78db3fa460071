/**
 * `qwanyx mcp add|list|tools|call|restart|remove --workspace W …`: the MCP
 * servers a workspace uses on this device (docs/connectors-mcp.md).
 *
 * `--command 'CMD ARGS…'` is split into words like a shell would (quotes,
 * backslashes) and run without a shell. A header value, or the value of
 * `--secret-env`, goes to the keychain; to keep it out of shell history
 * and the process list, give only the name (`--header Authorization`) and
 * type the value on stdin.
 */
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

/** A line per server, and one more for its last error. */
function describeServer(s: McpServerView): string[] {
  const target = s.transport === 'stdio' ? [s.command, ...s.args].join(' ') : (s.url ?? '');
  const tools = s.tools === null ? 'tools not listed yet' : `${s.tools.length} tool${s.tools.length === 1 ? '' : 's'}`;
  return [`${s.name}  ${s.status}  ${s.transport}: ${target}  (${tools})`, ...(s.lastError ? [`    last error: ${s.lastError}`] : [])];
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
             | --url URL [--header K[=V]]…) [--timeout SECONDS] [--json]`,
      notes: ['(a header or secret env value goes to the keychain; give K alone to type it on stdin)', '(--timeout: longest wait for one tool call, default 30)'],
      flags: { workspace: 'string', name: 'string', command: 'string', url: 'string', env: 'strings', 'secret-env': 'strings', header: 'strings', timeout: 'string', json: 'boolean' },
      async run(ctx) {
        const { core, flags, out } = ctx;
        const name = nameFlag(flags.name, 'mcp add');
        const hasCommand = typeof flags.command === 'string';
        const hasUrl = typeof flags.url === 'string';
        if (hasCommand === hasUrl) throw new CliUsageError("mcp add needs either --command 'CMD ARGS…' (a stdio server) or --url URL (a Streamable HTTP server)");
        if (hasUrl && ((ctx.lists?.env?.length ?? 0) > 0 || (ctx.lists?.['secret-env']?.length ?? 0) > 0)) throw new CliUsageError('--env and --secret-env go with --command, not --url');
        if (hasCommand && (ctx.lists?.header?.length ?? 0) > 0) throw new CliUsageError('--header goes with --url, not --command');
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
          input = parseInput('mcp.add', { workspaceId, name, transport: 'http', url: flags.url, headers, ...(callTimeoutMs !== undefined ? { callTimeoutMs } : {}) });
        }
        const server = await callCore(core, 'mcp.add', input);
        if (flags.json) out(JSON.stringify(server));
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
        else for (const line of servers.flatMap(describeServer)) out(line);
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
    restart: {
      usage: 'mcp restart --workspace W --name N [--json]',
      flags: { workspace: 'string', name: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const name = nameFlag(flags.name, 'mcp restart');
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const server = await callCore(core, 'mcp.restart', { workspaceId, name });
        if (flags.json) out(JSON.stringify(server));
        else for (const line of describeServer(server)) out(line);
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
