/**
 * MCP servers of a workspace through the core's channels: the real memory
 * server from the npm registry over stdio (tools, read-only hints, calls,
 * stderr log, stop on remove), and the fixture server for what goes wrong
 * (a tool error, a tool that never answers, a crash and the restart after
 * it, a server that exits at start, a command that does not exist), over
 * Streamable HTTP with its header in the keychain (a wrong one refused, an
 * address nobody answers failing fast), and workspace isolation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, McpServerView, McpToolView } from '../../src-main/common/contract';
import { fakeMcpCommand, MEMORY_MCP_SERVER_BIN as MEMORY_SERVER_BIN, startFakeMcpHttp } from '../fixtures/fakeMcpServer';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { meAndWorkspace } from '../fixtures/roomPeers';
import { makeTempDir } from '../fixtures/tempDir';

async function failure(t: TestCore, channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await t.core.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} succeeded`);
  return result.error;
}

async function secondWorkspace(t: TestCore): Promise<string> {
  return (await t.call<{ id: string }>('workspace.create', { name: 'Client B', kind: 'team' })).id;
}

describe('MCP servers', () => {
  it('run the npm memory server over stdio: its tools, a write and a read, its log, and stop it on remove', async () => {
    const t = await makeCore();
    const { workspaceId } = await meAndWorkspace(t);
    const memoryFile = path.join(makeTempDir(), 'memory.jsonl');
    const added = await t.call<McpServerView>('mcp.add', { workspaceId, name: 'memory', transport: 'stdio', command: MEMORY_SERVER_BIN, env: [{ name: 'MEMORY_FILE_PATH', value: memoryFile }] });
    expect(added).toMatchObject({ status: 'stopped', tools: null, permission: 'connector.use:mcp-memory' });
    const tools = await t.call<McpToolView[]>('mcp.tools', { workspaceId, name: 'memory' });
    const byName = new Map(tools.map((tool) => [tool.mcpName, tool]));
    expect(byName.get('read_graph')).toMatchObject({ name: 'mcp_memory_read_graph', readOnly: true });
    expect(byName.get('create_entities')).toMatchObject({ name: 'mcp_memory_create_entities', readOnly: false });
    expect((await t.call<McpServerView>('mcp.status', { workspaceId, name: 'memory' })).status).toBe('running');
    const entity = { name: 'Acme', entityType: 'client', observations: ['Pays on the 5th'] };
    const created = await t.call<{ isError: boolean }>('mcp.call', { workspaceId, name: 'memory', tool: 'create_entities', arguments: { entities: [entity] } });
    expect(created.isError).toBe(false);
    const graph = await t.call<{ structuredContent: { entities: unknown[] } }>('mcp.call', { workspaceId, name: 'memory', tool: 'mcp_memory_read_graph', arguments: {} });
    expect(graph.structuredContent.entities).toEqual([entity]);
    expect(fs.readFileSync(memoryFile, 'utf8')).toContain('Pays on the 5th');
    const [listed] = await t.call<McpServerView[]>('mcp.list', { workspaceId });
    expect(fs.readFileSync(listed!.logPath, 'utf8')).toMatch(/starting .*mcp-server-memory/);
    const audit = await t.call<AuditEntry[]>('audit.list', { workspaceId });
    expect(audit.filter((a) => a.action.startsWith('mcp.')).map((a) => [a.action, a.outcome])).toEqual(
      expect.arrayContaining([['mcp.add', 'allowed'], ['mcp.call', 'allowed']]),
    );
    await t.call('mcp.remove', { workspaceId, name: 'memory' });
    expect(await t.call('mcp.list', { workspaceId })).toEqual([]);
    expect((await failure(t, 'mcp.call', { workspaceId, name: 'memory', tool: 'read_graph', arguments: {} })).code).toBe('NOT_FOUND');
  }, 30_000);

  it('say what went wrong: a tool error, a timeout, a crash (then a restart), an exit at start, a missing command', async () => {
    const t = await makeCore();
    const { workspaceId } = await meAndWorkspace(t);
    const { command, args } = fakeMcpCommand();
    await t.call('mcp.add', { workspaceId, name: 'fake', transport: 'stdio', command, args, callTimeoutMs: 800 });
    const failed = await t.call<{ isError: boolean; content: { text: string }[] }>('mcp.call', { workspaceId, name: 'fake', tool: 'fail', arguments: {} });
    expect(failed).toMatchObject({ isError: true, content: [{ text: 'the fake service is down for maintenance' }] });
    const started = Date.now();
    const hung = await failure(t, 'mcp.call', { workspaceId, name: 'fake', tool: 'hang', arguments: {} });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(hung.message).toMatch(/did not answer within 800 ms while running hang/);
    // A hung call does not take the server down.
    expect((await t.call<{ content: { text: string }[] }>('mcp.call', { workspaceId, name: 'fake', tool: 'echo', arguments: { text: 'still here' } })).content[0]!.text).toBe('still here');

    const crashed = await failure(t, 'mcp.call', { workspaceId, name: 'fake', tool: 'crash', arguments: {} });
    expect(crashed.message).toMatch(/stopped while running crash/);
    await expect.poll(async () => (await t.call<McpServerView>('mcp.status', { workspaceId, name: 'fake' })).status).toBe('failed');
    expect((await t.call<McpServerView>('mcp.status', { workspaceId, name: 'fake' })).lastError).toMatch(/crashed on purpose/);
    // The next use starts it again.
    expect((await t.call<{ content: { text: string }[] }>('mcp.call', { workspaceId, name: 'fake', tool: 'echo', arguments: { text: 'back' } })).content[0]!.text).toBe('back');
    expect((await t.call<McpServerView>('mcp.status', { workspaceId, name: 'fake' })).status).toBe('running');
    expect((await t.call<McpServerView>('mcp.restart', { workspaceId, name: 'fake' })).status).toBe('running');

    await t.call('mcp.add', { workspaceId, name: 'broken', transport: 'stdio', command, args, env: [{ name: 'FAKE_MCP_EXIT_AT_START', value: '1' }] });
    const atStart = await failure(t, 'mcp.tools', { workspaceId, name: 'broken' });
    expect(atStart.message).toMatch(/broken/);
    expect((await t.call<McpServerView>('mcp.status', { workspaceId, name: 'broken' })).lastError).toMatch(/permission denied/);

    await t.call('mcp.add', { workspaceId, name: 'missing', transport: 'stdio', command: 'qwanyx-no-such-mcp-server' });
    expect((await failure(t, 'mcp.tools', { workspaceId, name: 'missing' })).message).toMatch(/"qwanyx-no-such-mcp-server" was not found on this computer/);
    expect((await t.call<McpServerView>('mcp.status', { workspaceId, name: 'missing' })).status).toBe('failed');
  }, 60_000);

  it('reach a Streamable HTTP server with its header from the keychain; a wrong one is refused, an address nobody answers fails fast', async () => {
    const t = await makeCore();
    const { workspaceId } = await meAndWorkspace(t);
    const server = await startFakeMcpHttp('s3cret-token');
    try {
      await t.call('mcp.add', { workspaceId, name: 'remote', transport: 'http', url: server.url, headers: [{ name: 'Authorization', value: 'Bearer s3cret-token' }] });
      expect(await t.secrets.get(workspaceId, 'mcp.remote.header.Authorization')).toBe('Bearer s3cret-token');
      const file = fs.readFileSync(path.join(t.dataDir, 'workspaces', workspaceId, 'connectors', 'mcp-servers.json'), 'utf8');
      expect(file).not.toContain('s3cret');
      expect(JSON.stringify(await t.call('mcp.list', { workspaceId }))).not.toContain('s3cret');
      const tools = await t.call<McpToolView[]>('mcp.tools', { workspaceId, name: 'remote' });
      expect(tools.map((x) => x.name)).toContain('mcp_remote_echo');
      expect((await t.call<{ content: { text: string }[] }>('mcp.call', { workspaceId, name: 'remote', tool: 'echo', arguments: { text: 'over http' } })).content[0]!.text).toBe('over http');

      await t.call('mcp.add', { workspaceId, name: 'wrong', transport: 'http', url: server.url, headers: [{ name: 'Authorization', value: 'Bearer nope' }] });
      expect((await failure(t, 'mcp.tools', { workspaceId, name: 'wrong' })).message).toMatch(/refused the credentials \(HTTP 401\)/);
      expect(server.refused).toBeGreaterThan(0);
      await t.call('mcp.remove', { workspaceId, name: 'remote' });
      expect(await t.secrets.keys(workspaceId)).not.toContain('mcp.remote.header.Authorization');
    } finally {
      await server.close();
    }
    await t.call('mcp.add', { workspaceId, name: 'gone', transport: 'http', url: server.url });
    const started = Date.now();
    const offline = await failure(t, 'mcp.tools', { workspaceId, name: 'gone' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(offline).toMatchObject({ code: 'PROVIDER_UNREACHABLE', message: expect.stringMatching(/cannot be reached \(ECONNREFUSED\).*offline/) });
  }, 30_000);

  it('keep each workspace’s servers to itself and refuse bad input', async () => {
    const t = await makeCore();
    const { workspaceId } = await meAndWorkspace(t);
    const other = await secondWorkspace(t);
    const { command, args } = fakeMcpCommand();
    await t.call('mcp.add', { workspaceId, name: 'fake', transport: 'stdio', command, args });
    expect(await t.call('mcp.list', { workspaceId: other })).toEqual([]);
    expect((await failure(t, 'mcp.call', { workspaceId: other, name: 'fake', tool: 'echo', arguments: { text: 'x' } })).code).toBe('NOT_FOUND');
    expect((await failure(t, 'mcp.add', { workspaceId, name: 'fake', transport: 'stdio', command })).code).toBe('CONFLICT');
    expect((await failure(t, 'mcp.add', { workspaceId, name: 'Bad Name', transport: 'stdio', command })).message).toMatch(/server name/);
    expect((await failure(t, 'mcp.add', { workspaceId, name: 'x', transport: 'http', url: 'http://mcp.example.com/mcp' })).message).toMatch(/http/i);
    expect((await failure(t, 'mcp.add', { workspaceId, name: 'x', transport: 'http', url: 'https://u:p@mcp.example.com/mcp' })).message).toMatch(/header/);
    expect((await failure(t, 'mcp.add', { workspaceId, name: 'x', transport: 'stdio', command: '  ' })).message).toMatch(/command cannot be empty/);
    expect((await failure(t, 'mcp.add', { workspaceId, name: 'x', transport: 'stdio', command, env: [{ name: '1BAD', value: 'v' }] })).message).toMatch(/environment variable name/);
  }, 30_000);
});
