/**
 * The durable outbox and claims: a mention made while the model server is
 * down is queued (and says so in the room), survives a restart of the app,
 * and gets exactly one reply once the server is back; and when two devices
 * see the same mention through the relay, exactly one of them answers.
 */
import { describe, expect, it } from 'vitest';
import type { AgentJobView, DigitalHuman, Message, Room } from '../../src-main/common/contract';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { agentSetup, chatRequests, FAST_AGENTS, roomMessages, useFakeProvider } from '../fixtures/agentSetup';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { linkedPair } from '../fixtures/linkedPair';
import { makeCore } from '../fixtures/makeCore';
import { eventually } from '../fixtures/syncCores';
import { openSyncPeer } from '../fixtures/syncPeer';
import { makeTempDir } from '../fixtures/tempDir';

describe('agent outbox', () => {
  it('queues a mention while the model server is down, keeps it across a restart, and answers once when it is back', async () => {
    const dataDir = makeTempDir('qwanyx-outbox-');
    const secrets = new MemorySecretStore();
    const first = await agentSetup({ dataDir, secrets });
    const { llm, workspaceId, dh, room } = first;
    await llm.down();
    const question = await first.t.call<Message>('message.post', { workspaceId, roomId: room.id, text: '@philippe summarise the week' });
    const queued = await first.t.core.agents.waitFor(workspaceId, dh.id, question.id, 15_000);
    expect(queued?.state).toBe('queued');
    const notice = (await roomMessages(first.t, workspaceId, room.id)).find((m) => m.authorId === dh.id);
    expect(notice?.text).toMatch(/^_Queued/);
    await first.t.core.close();

    llm.reply('This week: the beta shipped and two bugs were fixed.');
    await llm.up();
    const second = await makeCore({ dataDir, secrets, agents: FAST_AGENTS });
    await second.call('workspace.open', { id: workspaceId });
    await expect
      .poll(async () => (await second.call<AgentJobView[]>('agent.jobs', { workspaceId })).map((j) => j.state), { timeout: 15_000 })
      .toEqual(['done']);
    const replies = (await roomMessages(second, workspaceId, room.id)).filter((m) => m.authorId === dh.id);
    expect(replies.map((m) => [m.id, m.text])).toEqual([[notice!.id, 'This week: the beta shipped and two bugs were fixed.']]);
    expect(chatRequests(llm)).toHaveLength(1);
  });

  it('answers a mention only on a device of the person who wrote it, once', async () => {
    const llm = await startFakeOpenAi({ apiKey: 'sk-test-4f9a2c7e1b' });
    const { a, b, ws, relay } = await linkedPair({ agents: FAST_AGENTS });
    // Both devices run agents with their own provider settings (they are local to a device).
    for (const t of [a, b]) await useFakeProvider(t, ws, llm);
    const dh = await a.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Philippe', handle: 'philippe', tools: ['tasks'], memoryEnabled: false });
    const room = await a.call<Room>('room.create', { workspaceId: ws, name: 'general', memberIds: [dh.id] });
    await eventually(() => b.call<Room[]>('room.list', { workspaceId: ws }), (rooms) => rooms.some((r) => r.id === room.id), 'B has the room');
    await eventually(() => b.call<DigitalHuman[]>('dh.list', { workspaceId: ws }), (list) => list.some((d) => d.id === dh.id), 'B knows the DH');

    // Written on A: A claims at once and answers; B sees the claim and stays quiet.
    llm.reply('Hello from Philippe.');
    const mention = await a.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: '@philippe hello' });
    expect((await a.core.agents.waitFor(ws, dh.id, mention.id, 15_000))?.state).toBe('done');
    await eventually(() => roomMessages(b, ws, room.id), (ms) => ms.some((m) => m.authorId === dh.id && m.text === 'Hello from Philippe.'), 'B sees the reply');
    await new Promise((resolve) => setTimeout(resolve, FAST_AGENTS.claimGraceMs! + FAST_AGENTS.settleMs! + 300));
    expect((await roomMessages(b, ws, room.id)).filter((m) => m.authorId === dh.id)).toHaveLength(1);
    expect(chatRequests(llm)).toHaveLength(1);

    // Written by Carol, whose device runs no agent: neither Ada's nor Bob's device answers with its own model key.
    const thirdId = 'third-party-mention';
    const carol = openSyncPeer({ relay: relay.current(), workspaceId: ws, email: 'carol@example.com', docNames: [`room/${room.id}`] });
    carol.connect();
    await eventually(() => carol.synced(), (ok) => ok, 'the third device synced');
    carol.handle.docs.transact(`room/${room.id}`, txOrigin('local', 'carol'), (doc) =>
      doc.getMap('messages').set(thirdId, writeMessageRecord({ id: thirdId, authorId: 'carol', text: '@philippe who answers?', createdAt: Date.now(), editedAt: null, deleted: false, threadRootId: null, mentions: [dh.id] })),
    );
    await eventually(async () => (await roomMessages(b, ws, room.id)).some((m) => m.id === thirdId), (ok) => ok, 'B sees the mention');
    await new Promise((resolve) => setTimeout(resolve, FAST_AGENTS.claimGraceMs! + FAST_AGENTS.settleMs! + 500));
    const jobs = [...(await a.call<AgentJobView[]>('agent.jobs', { workspaceId: ws })), ...(await b.call<AgentJobView[]>('agent.jobs', { workspaceId: ws }))];
    expect(jobs.filter((j) => j.triggerId === thirdId)).toEqual([]);
    // Bob's own mention is answered on Bob's device, with Bob's settings; Ada's device records nothing.
    llm.reply('Bob asked, Bob’s device answers.');
    const bobs = await b.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: '@philippe hello from Bob' });
    expect((await b.core.agents.waitFor(ws, dh.id, bobs.id, 15_000))?.state).toBe('done');
    await eventually(() => roomMessages(a, ws, room.id), (ms) => ms.some((m) => m.text === 'Bob asked, Bob’s device answers.'), 'A sees the reply');
    expect((await a.call<AgentJobView[]>('agent.jobs', { workspaceId: ws })).filter((j) => j.triggerId === bobs.id)).toEqual([]);
    for (const t of [a, b]) expect((await roomMessages(t, ws, room.id)).filter((m) => m.authorId === dh.id)).toHaveLength(2);
    expect(chatRequests(llm)).toHaveLength(2);
  });
});
