import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DigitalHuman } from '../../common/contract';
import type { AuditInput } from '../../domain/audit/AuditService';
import type { UntrustedKind } from '../runtime/buildContext';
import { defineTool, type AgentTool, type ToolContext } from './AgentTool';
import { ConnectorToolRegistry } from './ConnectorToolRegistry';
import { ToolGate } from './ToolGate';

function tool(name: string, write = false): AgentTool {
  return defineTool({
    name,
    description: `${name} in the outside system`,
    group: 'connectors',
    input: z.object({ q: z.string().max(20) }).strict(),
    ...(write ? { confirm: () => true } : {}),
    returnsData: true,
    resource: (_ctx, i) => `ext/${i.q}`,
    run: async (_ctx, i) => ({ echoed: i.q }),
  });
}

const dh = { id: 'dh1', name: 'Ada', tools: ['connectors'] } as unknown as DigitalHuman;

function ctxOf(workspaceId: string, untrusted: UntrustedKind[] = []): ToolContext {
  return {
    workspaceId,
    dh,
    roomId: 'r1',
    threadRootId: null,
    onBehalfOf: 'u1',
    jobId: 'j1',
    triggerMessageId: null,
    replyId: null,
    untrusted: new Set(untrusted),
    usage: { tokens: 0, toolCalls: 0, messages: 0 },
  };
}

function gateOf(registry: ConnectorToolRegistry, workspaceId: string, allowed: Set<string>, audit: AuditInput[]): ToolGate {
  return new ToolGate({
    tools: new Map(registry.list(workspaceId).map((t) => [t.name, t])),
    role: () => 'member',
    reserveCall: () => ({ count: 1, release: () => undefined }),
    dailyToolCalls: 10,
    audit: (_w, entry) => audit.push(entry),
    hold: () => ({ id: 'ap1', decider: 'You' }),
    can: (_ctx, permission) => allowed.has(permission),
  });
}

describe('ConnectorToolRegistry', () => {
  it('keeps each workspace’s connector tools to itself and validates what is registered', () => {
    const registry = new ConnectorToolRegistry();
    const changed: string[] = [];
    registry.onChange((w) => changed.push(w));
    registry.register('wsA', 'mcp-notes', [tool('mcp_notes_read')]);
    expect(registry.list('wsA').map((t) => [t.name, t.connectorId])).toEqual([['mcp_notes_read', 'mcp-notes']]);
    expect(registry.list('wsB')).toEqual([]);
    expect(() => registry.register('wsA', 'Bad Id', [tool('x')])).toThrow(/Invalid connector id/);
    expect(() => registry.register('wsA', 'other', [tool('mcp_notes_read')])).toThrow(/already used/);
    expect(() => registry.register('wsA', 'other', [tool('has space')])).toThrow(/Invalid tool name/);
    expect(() => registry.register('wsA', 'other', [{ ...tool('t'), group: 'memory' }])).toThrow(/"connectors" group/);
    registry.register('wsA', 'mcp-notes', [tool('mcp_notes_write', true)]);
    expect(registry.list('wsA').map((t) => t.name)).toEqual(['mcp_notes_write']);
    expect(registry.unregister('wsA', 'mcp-notes')).toBe(true);
    expect(registry.unregister('wsA', 'mcp-notes')).toBe(false);
    expect(changed).toEqual(['wsA', 'wsA', 'wsA']);
  });

  it('passes connector tools through the gate: permission, confirmation of writes, audit', async () => {
    const registry = new ConnectorToolRegistry();
    registry.register('wsA', 'mcp-notes', [tool('mcp_notes_read'), tool('mcp_notes_write', true)]);
    const audit: AuditInput[] = [];
    const denied = gateOf(registry, 'wsA', new Set(), audit);
    expect(await denied.call(ctxOf('wsA'), 'mcp_notes_read', '{"q":"a"}')).toMatchObject({ ok: false, error: expect.stringContaining('connector.use:mcp-notes') });
    const gate = gateOf(registry, 'wsA', new Set(['connector.use:mcp-notes']), audit);
    const ctx = ctxOf('wsA');
    expect(await gate.call(ctx, 'mcp_notes_read', '{"q":"a"}')).toEqual({ ok: true, result: { echoed: 'a' } });
    expect(ctx.untrusted.has('tool-results')).toBe(true);
    // A write in an outside system waits for the person, even with only their own words in the context.
    const held = await gate.call(ctxOf('wsA'), 'mcp_notes_write', '{"q":"b"}');
    expect(held).toMatchObject({ ok: false, pending: { approvalId: 'ap1' } });
    expect(await gate.call(ctxOf('wsA'), 'mcp_notes_write', '{"q":"b"}', 'u1')).toEqual({ ok: true, result: { echoed: 'b' } });
    expect(await gate.call(ctxOf('wsA'), 'mcp_notes_read', '{"q":"this is far too long for it"}')).toMatchObject({ ok: false, error: expect.stringContaining('Invalid arguments') });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ['tool.mcp_notes_read', 'denied'],
      ['tool.mcp_notes_read', 'allowed'],
      ['tool.mcp_notes_write', 'denied'],
      ['tool.mcp_notes_write', 'allowed'],
      ['tool.mcp_notes_read', 'failed'],
    ]);
    expect(audit[2]!.detail).toContain('outside this workspace');
    // Workspace B's gate has none of A's tools.
    expect(await gateOf(registry, 'wsB', new Set(['*']), audit).call(ctxOf('wsB'), 'mcp_notes_read', '{"q":"a"}')).toMatchObject({ ok: false, error: expect.stringContaining('no tool named') });
  });
});
