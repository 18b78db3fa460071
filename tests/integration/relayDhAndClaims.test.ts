/**
 * The relay serves a digital human's own doc (`dh/<id>`: its memories,
 * tasks and knowledge) only to those allowed to use it, and lets a device
 * claim a trigger only for its own member: hostile clients with stock Yjs
 * over real WebSockets. And an honest device that posted then edited a
 * message offline sends both in one update, which the relay takes.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { writeClaimRecord } from '../../src-main/storage/agents/claimDocFormat';
import { writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { readBack, refusals, updateOf, userOf, writeDurably, writeRefused } from '../fixtures/hostileWrites';
import { connectRaw, startTestRelay } from '../fixtures/relayHarness';

const WS = 'dh-claims-ws-01';

describe('relay: digital humans and claims', () => {
  it('serves a digital human doc to members who may use it, never to a guest', async () => {
    const relay = await startTestRelay();
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const bob = await relay.mintToken({ workspaceId: WS, email: 'bob@example.com', role: 'member' });
    const guest = await relay.mintToken({ workspaceId: WS, email: 'gus@example.com', role: 'guest' });
    await writeDurably(connectRaw(relay, WS, 'dh/dh1', owner), updateOf(new Y.Doc(), (doc) => doc.getMap('memories').set('m1', { text: 'The client is based in Lyon' })));

    expect((await readBack(relay, WS, bob, 'dh/dh1')).getMap('memories').size).toBe(1);
    const outsider = connectRaw(relay, WS, 'dh/dh1', guest);
    const closed = await outsider.waitClosed();
    expect(closed.code).toBe(RelayCloseCode.NotReadable);
    expect(closed.reason).toContain('digital human');
    expect(Buffer.concat(outsider.frames.map((f) => Buffer.from(f))).includes(Buffer.from('Lyon'))).toBe(false);
    expect(await refusals(relay, 'not_readable')).toBe(1);
  });

  it("refuses a claim made for another member's device, and keeps the member's own", async () => {
    const relay = await startTestRelay();
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const bob = await relay.mintToken({ workspaceId: WS, email: 'bob@example.com', role: 'member' });
    const carol = await relay.mintToken({ workspaceId: WS, email: 'carol@example.com', role: 'member' });
    await writeDurably(connectRaw(relay, WS, 'meta', owner), updateOf(new Y.Doc(), (doc) => doc.getMap('rooms').set('general', new Y.Map())));

    const forged = updateOf(new Y.Doc(), (doc) => writeClaimRecord(doc.getMap('claims'), 'dh1 m1', { device: 'carol-laptop', userId: userOf(carol), at: 1 }));
    expect(await writeRefused(connectRaw(relay, WS, 'room/general', bob), forged)).toBe(RelayCloseCode.PolicyRefused);
    const nested = updateOf(new Y.Doc(), (doc) => doc.getMap('claims').set('dh1 m2', new Y.Map()));
    expect(await writeRefused(connectRaw(relay, WS, 'room/general', bob), nested)).toBe(RelayCloseCode.PolicyRefused);

    const own = updateOf(new Y.Doc(), (doc) => writeClaimRecord(doc.getMap('claims'), 'dh1 m3', { device: 'bob-laptop', userId: userOf(bob), at: 2 }));
    await writeDurably(connectRaw(relay, WS, 'room/general', bob), own);
    const stored = (await readBack(relay, WS, owner, 'room/general')).getMap('claims');
    expect([...stored.keys()]).toEqual(['dh1 m3']);
    expect(await refusals(relay, 'forbidden_write')).toBe(2);
  });

  it('takes a message posted and edited offline, sent as one update', async () => {
    const relay = await startTestRelay();
    const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
    const bob = await relay.mintToken({ workspaceId: WS, email: 'bob@example.com', role: 'member' });
    await writeDurably(connectRaw(relay, WS, 'meta', owner), updateOf(new Y.Doc(), (doc) => doc.getMap('rooms').set('general', new Y.Map())));
    const offline = new Y.Doc();
    const base = { id: 'm1', authorId: userOf(bob), createdAt: 1, deleted: false, threadRootId: null, mentions: [] };
    offline.getMap('messages').set('m1', writeMessageRecord({ ...base, text: 'frist draft', editedAt: null }));
    offline.getMap('messages').set('m1', writeMessageRecord({ ...base, text: 'first draft', editedAt: 2 }));
    // The state holds the replaced value as deleted content, and the edit.
    await writeDurably(connectRaw(relay, WS, 'room/general', bob), Y.encodeStateAsUpdate(offline));
    const stored = (await readBack(relay, WS, owner, 'room/general')).getMap('messages').get('m1') as { text: string };
    expect(stored.text).toBe('first draft');
  });
});
