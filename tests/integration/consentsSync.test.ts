/**
 * Consents across two devices through a real relay: Bob, a plain member,
 * declines on his own device (the relay accepts his own entry of the
 * governance doc); on Ada's device her digital human then keeps Bob's
 * words out of every request the fake model server receives, while Ada's
 * own words still reach it.
 */
import { describe, expect, it } from 'vitest';
import type { ConsentView, DigitalHuman, Message, Profile, Room } from '../../src-main/common/contract';
import { CONSENTS_MAP, readConsents } from '../../src-main/storage/consents/consentDocFormat';
import { FAST_AGENTS, roomMessages, TEST_API_KEY, useFakeProvider } from '../fixtures/agentSetup';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { linkedPair } from '../fixtures/linkedPair';
import { eventually } from '../fixtures/syncCores';

describe('consents on two devices', () => {
  it("a member's refusal, made on their device, keeps their words out of the model requests of another member's DH", async () => {
    const { a, b, ws } = await linkedPair({ agents: FAST_AGENTS });
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    await useFakeProvider(a, ws, llm);
    const bob = await b.call<Profile>('profile.get', {});
    const dh = await a.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Philippe', handle: 'philippe', tools: ['memory'], memoryEnabled: true });
    const room = await a.call<Room>('room.create', { workspaceId: ws, name: 'deal', memberIds: [dh.id] });
    await eventually(() => b.call<Room[]>('room.list', { workspaceId: ws }), (rooms) => rooms.some((r) => r.id === room.id), 'B sees the room');
    await b.call('room.join', { workspaceId: ws, roomId: room.id });
    await b.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Between us: the walk-away price is QUARTZ-77.' });

    const declined = await b.call<ConsentView>('consent.set', { workspaceId: ws, dhRead: false });
    expect(declined).toMatchObject({ memberId: bob.userId, dhRead: false });
    // The relay took Bob's own entry (a member may not write anything else of governance) and Ada's device has it.
    await eventually(
      () => readConsents(a.core.workspaces.handle(ws).docs.doc('governance').getMap(CONSENTS_MAP)).get(bob.userId)?.dhRead,
      (v) => v === false,
      "A sees Bob's choice",
    );
    await eventually(() => roomMessages(a, ws, room.id), (ms) => ms.some((m) => m.text.includes('QUARTZ-77')), "A has Bob's message");

    llm.reply('I cannot see a price here.', JSON.stringify({ operations: [{ op: 'NOOP' }] }));
    const asked = await a.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: '@philippe what walk-away price did Bob give?' });
    expect((await a.core.agents.waitFor(ws, dh.id, asked.id, 15_000))?.state).toBe('done');
    await expect.poll(() => llm.requests.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const bodies = JSON.stringify(llm.requests.map((r) => r.body));
    expect(bodies).toContain('what walk-away price did Bob give');
    expect(bodies).not.toContain('QUARTZ-77');
    // Bob's device is still connected and synced: his write was not refused.
    expect((await b.call<ConsentView>('consent.get', { workspaceId: ws })).dhRead).toBe(false);
  });
});
