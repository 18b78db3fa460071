/**
 * A digital human calls a tool of an MCP server that signs in with OAuth,
 * through the gate: the call carries the bearer token of the workspace's
 * grant (the protected fixture server accepts only tokens the local
 * authorization server issued for it), is audited, and its result reaches
 * the model; once the grant is revoked, the tool result tells the person to
 * sign in again and the server's view says "needs sign-in". A sign-in that
 * waits in the browser can be cancelled: the listener closes and nothing is kept.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry, McpServerView, Message } from '../../src-main/common/contract';
import { agentSetup, chatRequests } from '../fixtures/agentSetup';
import { makeCore } from '../fixtures/makeCore';
import { startFakeMcpOAuthHttp } from '../fixtures/fakeMcpOAuthServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';

describe('digital humans and an MCP server that signs in with OAuth', () => {
  it('call its tools with the workspace’s token through the gate, and are told to sign in again once it is revoked', async () => {
    const as = await startFakeOAuthServer({ clientId: 'qwanyx-mcp-test' });
    const mcp = await startFakeMcpOAuthHttp(as);
    const s = await agentSetup({ dh: { tools: ['connectors', 'post'] } });
    const stop = s.t.core.onEvent((event, payload) => {
      // The "browser" follows the announced address back to the app's loopback listener.
      if (event === 'mcp.authorizing') void fetch((payload as { url: string }).url).catch(() => undefined);
    });
    try {
      await s.t.call('mcp.add', { workspaceId: s.workspaceId, name: 'notes', transport: 'http', url: mcp.url, oauth: { clientId: 'qwanyx-mcp-test' } });
      const signedIn = await s.t.call<McpServerView>('mcp.signIn', { workspaceId: s.workspaceId, name: 'notes' });
      expect(signedIn.oauth).toMatchObject({ state: 'signed-in', clientId: 'qwanyx-mcp-test' });
      expect(await s.t.secrets.get(s.workspaceId, 'connector:mcp-notes:oauth')).toContain('"state":"connected"');

      s.llm.reply({ toolCalls: [{ name: 'mcp_notes_echo', arguments: '{"text":"through the gate"}' }] }, 'Done.');
      const ask = await s.t.call<Message>('message.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: '@philippe echo it' });
      expect((await s.t.core.agents.waitFor(s.workspaceId, s.dh.id, ask.id, 20_000))?.state).toBe('done');
      const toolMessage = chatRequests(s.llm)[1]!.body.messages.find((m) => m.role === 'tool')!;
      expect(toolMessage.content).toMatch(/"ok":true[\s\S]*result of mcp_notes_echo[\s\S]*through the gate/);
      expect([...mcp.seenTokens].some((t) => as.validAccessToken(t, mcp.url))).toBe(true);
      const audit = await s.t.call<AuditEntry[]>('audit.list', { workspaceId: s.workspaceId, actorId: s.dh.id });
      expect(audit.find((e) => e.action === 'tool.mcp_notes_echo')).toMatchObject({ outcome: 'allowed', onBehalfOf: s.userId });

      as.revokeAll();
      const before = chatRequests(s.llm).length;
      s.llm.reply({ toolCalls: [{ name: 'mcp_notes_echo', arguments: '{"text":"after revocation"}' }] }, 'You need to sign in again.');
      const again = await s.t.call<Message>('message.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: '@philippe echo it again' });
      expect((await s.t.core.agents.waitFor(s.workspaceId, s.dh.id, again.id, 20_000))?.state).toBe('done');
      const refused = chatRequests(s.llm).slice(before)[1]!.body.messages.filter((m) => m.role === 'tool').at(-1)!;
      expect(refused.content).toContain('needs you to sign in again');
      const view = await s.t.call<McpServerView>('mcp.status', { workspaceId: s.workspaceId, name: 'notes' });
      expect(view.oauth).toMatchObject({ state: 'needs-sign-in', reason: expect.stringContaining('no longer accepts') });
    } finally {
      stop();
    }
  }, 60_000);

  it('cancel a sign-in that waits in the browser: the loopback listener closes and nothing is kept', async () => {
    const as = await startFakeOAuthServer({ registration: true });
    const mcp = await startFakeMcpOAuthHttp(as);
    const t = await makeCore();
    const workspaceId = (await t.call<{ id: string }>('workspace.create', { name: 'Cancelled', kind: 'team' })).id;
    await t.call('mcp.add', { workspaceId, name: 'notes', transport: 'http', url: mcp.url, oauth: {} });
    const announced = new Promise<string>((resolve) => {
      const stop = t.core.onEvent((event, payload) => {
        if (event !== 'mcp.authorizing') return;
        stop();
        resolve((payload as { url: string }).url);
      });
    });
    const signingIn = t.core.dispatch('mcp.signIn', { workspaceId, name: 'notes' });
    const url = new URL(await announced);
    expect(await t.call('mcp.signInCancel', { workspaceId, name: 'notes' })).toEqual({ cancelled: true });
    expect(await signingIn).toMatchObject({ ok: false, error: { code: 'CLOSED', message: expect.stringContaining('cancelled') } });
    await expect(fetch(`${url.searchParams.get('redirect_uri')}?code=late&state=${url.searchParams.get('state')}`)).rejects.toThrow();
    expect(await t.secrets.get(workspaceId, 'connector:mcp-notes:oauth')).toBeNull();
    expect(await t.call('mcp.signInCancel', { workspaceId, name: 'notes' })).toEqual({ cancelled: false });
  }, 30_000);
});
