/**
 * The tool calls of a digital human's reply reach teammates through a real
 * relay: Ada asks her digital human on her device, it searches its memories
 * and answers; Bob's device shows the reply with its call (the action's
 * words, the outcome, the result's summary), read from the synced room doc
 * and checked against the reply it sits under.
 */
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Invitation, Message, Room, ToolCallView, Workspace } from '../../src-main/common/contract';
import { FAST_AGENTS, roomMessages, useFakeProvider } from '../fixtures/agentSetup';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { eventually, FAST_SYNC, signIn, startRestartableRelay, syncStatus } from '../fixtures/syncCores';

async function toolCalls(t: TestCore, workspaceId: string, roomId: string): Promise<{ messageId: string; calls: ToolCallView[] }[]> {
  return t.call('agent.toolCalls', { workspaceId, roomId });
}

describe('tool-call cards between teammates', () => {
  it('shows Bob what Ada’s digital human looked at to answer', { timeout: 120_000 }, async () => {
    const relay = await startRestartableRelay();
    const llm = await startFakeOpenAi({ apiKey: 'sk-test-4f9a2c7e1b' });
    const ada = await makeCore({ sync: FAST_SYNC, agents: FAST_AGENTS });
    const bob = await makeCore({ sync: FAST_SYNC, agents: FAST_AGENTS });
    await ada.call('profile.update', { displayName: 'Ada Veyra', email: 'ada@example.com' });
    await signIn(ada, relay, 'ada@example.com');
    const ws = (await ada.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' })).id;
    await ada.call('workspace.link', { id: ws, relayUrl: relay.url });
    await useFakeProvider(ada, ws, llm);
    const dh = await ada.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Philippe', handle: 'philippe', tools: ['memory'], memoryEnabled: false });
    await ada.call('memory.add', { workspaceId: ws, dhId: dh.id, text: 'Deploys happen on Fridays.' });
    const general = await ada.call<Room>('room.create', { workspaceId: ws, name: 'general', memberIds: [dh.id] });
    const invitation = await ada.call<Invitation>('invite.create', { workspaceId: ws, email: 'bob@example.com', role: 'member' });
    await bob.call('profile.update', { displayName: 'Bob Martin', email: 'bob@example.com' });
    await signIn(bob, relay, 'bob@example.com');
    await bob.call('invite.accept', { relayUrl: relay.url, token: invitation.token });
    await eventually(() => syncStatus(bob, ws), (s) => s.state === 'synced', 'Bob synced');
    await eventually(async () => (await bob.call<Room[]>('room.list', { workspaceId: ws })).some((r) => r.id === general.id), Boolean, '#general on Bob');

    llm.reply({ toolCalls: [{ name: 'memory_search', arguments: JSON.stringify({ query: 'deploy day' }) }] }, 'Deploys happen on Fridays.');
    const ask = await ada.call<Message>('message.post', { workspaceId: ws, roomId: general.id, text: '@philippe when do we deploy?' });
    const job = await ada.core.agents.waitFor(ws, dh.id, ask.id, 20_000);
    expect(job?.state).toBe('done');
    const replyId = job!.replyId!;

    const onAda = await toolCalls(ada, ws, general.id);
    expect(onAda).toEqual([{ messageId: replyId, calls: [expect.objectContaining({ index: 0, tool: 'memory_search', outcome: 'ok', words: { key: 'memory.search', params: expect.objectContaining({ query: 'deploy day' }) } })] }]);
    expect(onAda[0]!.calls[0]!.result).toContain('Deploys happen on Fridays.');

    await eventually(() => roomMessages(bob, ws, general.id), (l) => l.some((m) => m.id === replyId && m.text === 'Deploys happen on Fridays.'), 'the reply on Bob');
    const onBob = await eventually(() => toolCalls(bob, ws, general.id), (l) => l.length === 1, 'the call on Bob');
    expect(onBob).toEqual(onAda);
  });
});
