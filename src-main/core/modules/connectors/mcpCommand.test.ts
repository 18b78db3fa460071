import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeMcpCommand, MEMORY_MCP_SERVER_BIN, startFakeMcpHttp } from '../../../../tests/fixtures/fakeMcpServer';
import { runCliInProcess, type CliRun } from '../../../../tests/fixtures/runCliInProcess';
import { makeTempDir } from '../../../../tests/fixtures/tempDir';
import type { McpServerView, McpToolView, Workspace } from '../../../common/contract';
import { MemorySecretStore } from '../../../secrets/MemorySecretStore';
import type { CliStdin } from '../../cli/CliContext';

function pipe(...lines: string[]): CliStdin {
  const queue = [...lines];
  return { isTTY: false, readLine: () => Promise.resolve(queue.shift() ?? null) };
}

async function setup(): Promise<{ secrets: MemorySecretStore; ws: string; cli: (argv: string[], stdin?: CliStdin) => Promise<CliRun> }> {
  const dir = makeTempDir();
  const secrets = new MemorySecretStore();
  const cli = (argv: string[], stdin?: CliStdin): Promise<CliRun> => runCliInProcess(dir, argv, { secretStore: secrets, ...(stdin ? { stdin } : {}) });
  const ws = (JSON.parse((await cli(['workspace', 'create', 'Acme Corp', '--json'])).out[0]!) as Workspace).id;
  return { secrets, ws, cli };
}

describe('qwanyx mcp', () => {
  it('adds the npm memory server, lists its tools, calls them, lists the servers and removes it', async () => {
    const { ws, cli } = await setup();
    const memoryFile = path.join(makeTempDir(), 'memory.jsonl');
    const added = await cli(['mcp', 'add', '--workspace', 'Acme Corp', '--name', 'memory', '--command', `'${MEMORY_MCP_SERVER_BIN}'`, '--env', `MEMORY_FILE_PATH=${memoryFile}`, '--env', 'LOG=info']);
    expect(added.code, added.err.join()).toBe(0);
    expect(added.out[0]).toMatch(/^Added memory\. It starts when first used/);
    const tools = await cli(['mcp', 'tools', '--workspace', ws, '--name', 'memory', '--json']);
    expect(tools.code, tools.err.join()).toBe(0);
    expect((JSON.parse(tools.out[0]!) as McpToolView[]).find((t) => t.mcpName === 'read_graph')).toMatchObject({ name: 'mcp_memory_read_graph', readOnly: true });
    const human = await cli(['mcp', 'tools', '--workspace', ws, '--name', 'memory']);
    expect(human.out).toContain('mcp_memory_read_graph  [read-only]');
    expect(human.out).toContain('mcp_memory_create_entities  [asks for confirmation]');

    const entity = { name: 'Acme', entityType: 'client', observations: ['Invoices monthly'] };
    expect((await cli(['mcp', 'call', '--workspace', ws, '--name', 'memory', '--tool', 'create_entities', '--args', JSON.stringify({ entities: [entity] })])).code).toBe(0);
    const read = await cli(['mcp', 'call', '--workspace', ws, '--name', 'memory', '--tool', 'read_graph', '--json']);
    expect(read.code, read.err.join()).toBe(0);
    expect(JSON.parse(read.out[0]!)).toMatchObject({ isError: false, structuredContent: { entities: [entity] } });

    const listed = JSON.parse((await cli(['mcp', 'list', '--workspace', ws, '--json'])).out[0]!) as McpServerView[];
    expect(listed).toMatchObject([{ name: 'memory', transport: 'stdio', command: MEMORY_MCP_SERVER_BIN, args: [], env: [{ name: 'MEMORY_FILE_PATH', value: memoryFile, secret: false }, { name: 'LOG', value: 'info', secret: false }] }]);
    expect((await cli(['mcp', 'list', '--workspace', ws])).out[0]).toMatch(/^memory {2}stopped {2}stdio: .*mcp-server-memory {2}\(9 tools\)$/);
    expect((await cli(['mcp', 'remove', '--workspace', ws, '--name', 'memory'])).out).toEqual(['Removed memory.']);
    expect((await cli(['mcp', 'list', '--workspace', ws])).out).toEqual(['No MCP server in this workspace on this device (qwanyx mcp add adds one).']);
  }, 40_000);

  it('keeps header and secret env values off the command line and out of outputs; reports tool errors with exit code 1', async () => {
    const { secrets, ws, cli } = await setup();
    const server = await startFakeMcpHttp('tok-SECRET-42');
    try {
      const added = await cli(['mcp', 'add', '--workspace', ws, '--name', 'remote', '--url', server.url, '--header', 'Authorization', '--json'], pipe('Bearer tok-SECRET-42'));
      expect(added.code, added.err.join()).toBe(0);
      expect(added.out[0]).not.toContain('SECRET');
      expect(await secrets.get(ws, 'mcp.remote.header.Authorization')).toBe('Bearer tok-SECRET-42');
      const echoed = await cli(['mcp', 'call', '--workspace', ws, '--name', 'remote', '--tool', 'echo', '--args', '{"text":"hello"}']);
      expect(echoed.out).toEqual(['hello']);
      const failed = await cli(['mcp', 'call', '--workspace', ws, '--name', 'remote', '--tool', 'fail']);
      expect(failed.code).toBe(1);
      expect(failed.out).toEqual(['the fake service is down for maintenance']);
      expect(failed.err[0]).toMatch(/the tool fail of remote reported an error/);
    } finally {
      await server.close();
    }
    const { command, args } = fakeMcpCommand();
    const line = [command, ...args].map((w) => `'${w}'`).join(' ');
    expect((await cli(['mcp', 'add', '--workspace', ws, '--name', 'local', '--command', line, '--secret-env', 'API_TOKEN=s3cr3t'])).code).toBe(0);
    expect(await secrets.get(ws, 'mcp.local.env.API_TOKEN')).toBe('s3cr3t');
    expect((await cli(['mcp', 'list', '--workspace', ws, '--json'])).out[0]).not.toContain('s3cr3t');
  }, 40_000);

  it('validates every argument with a clear message', async () => {
    const { ws, cli } = await setup();
    const usage = async (argv: string[]): Promise<string> => {
      const run = await cli(['mcp', ...argv]);
      expect(run.code).not.toBe(0);
      return run.err.join('\n');
    };
    expect(await usage(['add', '--workspace', ws, '--name', 'x'])).toMatch(/either --command .* or --url/);
    expect(await usage(['add', '--workspace', ws, '--name', 'x', '--command', 'a', '--url', 'https://x.example/mcp'])).toMatch(/either --command/);
    expect(await usage(['add', '--workspace', ws, '--name', 'x', '--command', 'node "oops'])).toMatch(/--command: The command has an unclosed double quote/);
    expect(await usage(['add', '--workspace', ws, '--name', 'x', '--command', 'node', '--env', 'NOVALUE'])).toMatch(/--env takes NAME=VALUE/);
    expect(await usage(['add', '--workspace', ws, '--name', 'x', '--command', 'node', '--header', 'A=b'])).toMatch(/--header goes with --url/);
    expect(await usage(['add', '--workspace', ws, '--name', 'Bad_Name', '--command', 'node'])).toMatch(/server name is 1-32 lowercase/);
    expect(await usage(['add', '--workspace', ws, '--name', 'x', '--url', 'ftp://x.example/mcp'])).toMatch(/http or https/);
    expect(await usage(['add', '--workspace', ws, '--name', 'x', '--command', 'node', '--timeout', 'soon'])).toMatch(/--timeout takes a number of seconds/);
    expect(await usage(['call', '--workspace', ws, '--name', 'x', '--tool', 't', '--args', '[1]'])).toMatch(/--args takes a JSON object/);
    expect(await usage(['call', '--workspace', ws, '--name', 'x', '--args', '{}'])).toMatch(/needs --tool/);
    expect(await usage(['tools', '--workspace', ws])).toMatch(/needs --name/);
    expect(await usage(['tools', '--workspace', ws, '--name', 'nothing'])).toMatch(/no MCP server named nothing/);
    expect(await usage(['list', '--workspace', 'No Such Workspace'])).toMatch(/No Such Workspace/);
  }, 40_000);
});
