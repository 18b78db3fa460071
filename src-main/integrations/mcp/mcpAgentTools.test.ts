import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../../agents/tools/AgentTool';
import { toolSpec } from '../../agents/tools/AgentTool';
import { mcpAgentTools, mcpToolName, mcpToolViews, resultForModel } from './mcpAgentTools';

const schema = { type: 'object', properties: { query: { type: 'string', maxLength: 10 } }, required: ['query'], additionalProperties: false };

describe('MCP tools as tools of digital humans', () => {
  it('names them mcp_<server>_<tool> as a model accepts, at most 64 characters, distinct', () => {
    expect(mcpToolName('notes', 'search_nodes')).toBe('mcp_notes_search_nodes');
    expect(mcpToolName('notes', 'files/read.v2 now')).toBe('mcp_notes_files_read_v2_now');
    const long = mcpToolName('a-very-long-server-name-of-32-ch', 'an_equally_long_tool_name_that_goes_on_and_on');
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(mcpToolName('a-very-long-server-name-of-32-ch', 'an_equally_long_tool_name_that_goes_on_and_on_2')).not.toBe(long);
    const views = mcpToolViews('notes', [
      { name: 'read', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
      { name: 'write', description: 'Writes.', inputSchema: { type: 'object' } },
      { name: 'read', inputSchema: { type: 'object' } },
    ]);
    expect(views.map((v) => [v.name, v.readOnly])).toEqual([
      ['mcp_notes_read', true],
      ['mcp_notes_write', false],
    ]);
  });

  it('check arguments against the server’s schema, show the model that schema, confirm writes, and hand back results as data', async () => {
    const calls: unknown[] = [];
    const [read, write] = mcpAgentTools(
      'notes',
      [
        { name: 'mcp_notes_find', mcpName: 'find', description: 'Finds notes.', readOnly: true, inputSchema: schema },
        { name: 'mcp_notes_add', mcpName: 'add', description: 'Adds a note.', readOnly: false, inputSchema: schema },
      ],
      async (_ctx, mcpName, args) => {
        calls.push([mcpName, args]);
        return mcpName === 'add'
          ? { isError: true, content: [{ type: 'text', text: 'disk full' }] }
          : { content: [{ type: 'text', text: 'note 1' }, { type: 'image', mimeType: 'image/png', data: 'AAAA' }] };
      },
    );
    expect(toolSpec(read!).parameters).toEqual(schema);
    expect(read!.input.safeParse({ query: 'acme' }).success).toBe(true);
    expect(read!.input.safeParse({ query: 'far too long for it' }).success).toBe(false);
    expect(read!.input.safeParse({ other: 1 }).success).toBe(false);
    expect(read!.confirm).toBeUndefined();
    expect(write!.confirm?.({} as ToolContext, {})).toBe(true);
    expect(read!.returnsData && write!.returnsData).toBe(true);
    expect(await read!.run({} as ToolContext, { query: 'acme' })).toEqual({ content: ['note 1', '[image image/png, 4 base64 characters, not shown]'] });
    await expect(write!.run({} as ToolContext, { query: 'x' })).rejects.toThrow(/The tool add of MCP server notes reported an error: .*disk full/);
    expect(calls).toEqual([
      ['find', { query: 'acme' }],
      ['add', { query: 'x' }],
    ]);
    const huge = resultForModel({ content: [{ type: 'text', text: 'x'.repeat(50_000) }] }) as { truncated: boolean; content: string[] };
    expect(huge.truncated).toBe(true);
    expect(huge.content[0]!.length).toBeLessThan(21_000);
  });
});
