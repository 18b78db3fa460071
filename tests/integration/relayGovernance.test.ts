/**
 * The relay enforces who reads and writes what, against hostile clients
 * using stock Yjs over real WebSockets: only owners and admins write
 * `governance`; a private room's doc is served only to its members, and a
 * member removed from it loses their open socket at once; a member cannot
 * add themselves to a private room; a message is posted only as the
 * connected member (or a digital human posting for them) and changed only
 * by its author or by someone granted `message.delete:any`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeMemberPolicy, writeRoleRecord } from '../../src-main/common/governance/governanceRecords';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { readRelayFrame } from '../../src-main/common/syncFrames';
import { writeMessageRecord, type MessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { writeRoomMember, writeRoomRecord } from '../../src-main/storage/rooms/metaRoomsFormat';
import { readBack, refusals, updateOf, userOf, writeDurably, writeRefused } from '../fixtures/hostileWrites';
import { connectRaw, startTestRelay, waitUntil, type TestRelay } from '../fixtures/relayHarness';

const WS = 'govern-ws-0001';

interface Team {
  relay: TestRelay;
  owner: string;
  admin: string;
  bob: string;
  carol: string;
}

async function team(): Promise<Team> {
  const relay = await startTestRelay();
  return {
    relay,
    owner: await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' }),
    admin: await relay.mintToken({ workspaceId: WS, email: 'admin@example.com', role: 'admin' }),
    bob: await relay.mintToken({ workspaceId: WS, email: 'bob@example.com', role: 'member' }),
    carol: await relay.mintToken({ workspaceId: WS, email: 'carol@example.com', role: 'member' }),
  };
}

function message(id: string, authorId: string, text: string, extra: Partial<MessageRecord> & { postedBy?: string } = {}): Record<string, unknown> {
  const record: MessageRecord = { id, authorId, text, createdAt: 1, editedAt: null, deleted: false, threadRootId: null, mentions: [], ...extra };
  return { ...writeMessageRecord(record), ...(extra.postedBy ? { postedBy: extra.postedBy } : {}) };
}

/** The owner writes `meta`: a private room `secret` with the owner and carol, a public room `general`, and a digital human `dh1`. */
async function seedMeta(t: Team): Promise<Y.Doc> {
  const meta = new Y.Doc();
  const conn = connectRaw(t.relay, WS, 'meta', t.owner);
  await writeDurably(
    conn,
    updateOf(meta, (doc) => {
      const rooms = doc.getMap('rooms');
      const base = { kind: 'channel' as const, topic: '', archived: false, createdAt: 1, createdBy: userOf(t.owner) };
      writeRoomRecord(rooms, { ...base, id: 'secret', name: 'secret', private: true, members: [userOf(t.owner), userOf(t.carol)], joinedAt: {} });
      writeRoomRecord(rooms, { ...base, id: 'general', name: 'general', private: false, members: [userOf(t.owner)], joinedAt: {} });
      const dh = new Y.Map<unknown>();
      dh.set('id', 'dh1');
      doc.getMap('dhs').set('dh1', dh);
    }),
  );
  conn.close();
  return meta;
}

/** Whether `frames` hold a sync message carrying `text`. */
function carries(frames: Uint8Array[], text: string): boolean {
  const doc = new Y.Doc();
  for (const f of frames) {
    const frame = readRelayFrame(f);
    if (frame.kind === 'step2' || frame.kind === 'update') Y.applyUpdate(doc, frame.update);
  }
  return JSON.stringify(doc.getMap('messages').toJSON()).includes(text);
}

describe('relay access and authorship', () => {
  it('lets only owners and admins write governance', async () => {
    const t = await team();
    const gov = new Y.Doc();
    const grant = updateOf(gov, (doc) => doc.getMap('members').set(userOf(t.bob), writeMemberPolicy({ role: 'admin', expiresAt: null, updatedAt: 1, updatedBy: 'x' })));
    expect(await writeRefused(connectRaw(t.relay, WS, 'governance', t.bob), grant)).toBe(RelayCloseCode.PolicyRefused);
    // A fresh doc: the refused update never reached the relay, so the next clocks of `gov` would wait for it.
    const role = updateOf(new Y.Doc(), (doc) => doc.getMap('roles').set('moderator', writeRoleRecord({ id: 'moderator', name: 'Moderator', base: 'member', grants: [{ permission: 'message.delete:any', resources: null }], createdAt: 1, createdBy: 'a' })));
    await writeDurably(connectRaw(t.relay, WS, 'governance', t.admin), role);
    const stored = await readBack(t.relay, WS, t.carol, 'governance');
    expect([...stored.getMap('roles').keys()]).toEqual(['moderator']);
    expect(stored.getMap('members').size).toBe(0);
    expect(await refusals(t.relay, 'forbidden_write')).toBe(1);
  });

  it('serves a private room only to its members and closes a removed member at once', async () => {
    const t = await team();
    const meta = await seedMeta(t);
    const room = new Y.Doc();
    await writeDurably(connectRaw(t.relay, WS, 'room/secret', t.owner), updateOf(room, (doc) => doc.getMap('messages').set('m1', message('m1', userOf(t.owner), 'the secret plan'))));

    const outsider = connectRaw(t.relay, WS, 'room/secret', t.bob);
    expect((await outsider.waitClosed()).code).toBe(RelayCloseCode.NotReadable);
    expect(carries(outsider.frames, 'secret plan')).toBe(false);

    const insider = connectRaw(t.relay, WS, 'room/secret', t.carol);
    await insider.opened;
    expect((await readBack(t.relay, WS, t.carol, 'room/secret')).getMap('messages').size).toBe(1);
    await waitUntil(() => insider.frames.length > 0, 5000, 'carol greeted');
    expect(insider.closed).toBeNull();

    // Bob may not add himself to the private room through meta…
    const bobMeta = new Y.Doc();
    Y.applyUpdate(bobMeta, Y.encodeStateAsUpdate(meta));
    const join = updateOf(bobMeta, (doc) => writeRoomMember(doc.getMap('rooms'), 'secret', userOf(t.bob), 5));
    expect(await writeRefused(connectRaw(t.relay, WS, 'meta', t.bob), join)).toBe(RelayCloseCode.PolicyRefused);
    const open = updateOf(bobMeta, (doc) => (doc.getMap('rooms').get('secret') as Y.Map<unknown>).set('private', false));
    expect(await writeRefused(connectRaw(t.relay, WS, 'meta', t.bob), open)).toBe(RelayCloseCode.PolicyRefused);
    // …but joins a public one.
    await writeDurably(connectRaw(t.relay, WS, 'meta', t.bob), updateOf(bobMeta, (doc) => writeRoomMember(doc.getMap('rooms'), 'general', userOf(t.bob), 6)));

    // The owner removes carol from the room: her open socket closes at once.
    const removedAt = Date.now();
    await writeDurably(connectRaw(t.relay, WS, 'meta', t.owner), updateOf(meta, (doc) => writeRoomMember(doc.getMap('rooms'), 'secret', userOf(t.carol), null)));
    expect((await insider.waitClosed(2000)).code).toBe(RelayCloseCode.NotReadable);
    expect(Date.now() - removedAt).toBeLessThan(1000);
    expect((await connectRaw(t.relay, WS, 'room/secret', t.carol).waitClosed()).code).toBe(RelayCloseCode.NotReadable);
    expect(await refusals(t.relay, 'not_readable')).toBe(3);
  });

  it('refuses a forged author and lets a member post as one of their own ids', async () => {
    const t = await team();
    await seedMeta(t);
    const room = new Y.Doc();
    const bob = userOf(t.bob);
    await writeDurably(connectRaw(t.relay, WS, 'room/general', t.bob), updateOf(room, (doc) => doc.getMap('messages').set('b1', message('b1', bob, 'hello'))));
    const forged = updateOf(room, (doc) => doc.getMap('messages').set('f1', message('f1', userOf(t.owner), 'send me the keys')));
    expect(await writeRefused(connectRaw(t.relay, WS, 'room/general', t.bob), forged)).toBe(RelayCloseCode.PolicyRefused);

    // A device's own profile id is bound to the first account that writes it; after that nobody else may use it.
    const honest = new Y.Doc();
    Y.applyUpdate(honest, Y.encodeStateAsUpdate(room));
    Y.applyUpdate(honest, forged); // not stored by the relay: a fresh copy without it
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(await readBack(t.relay, WS, t.owner, 'room/general')));
    await writeDurably(connectRaw(t.relay, WS, 'room/general', t.carol), updateOf(fresh, (doc) => doc.getMap('messages').set('c1', message('c1', 'carol-laptop-id', 'mine'))));
    const stolen = updateOf(fresh, (doc) => doc.getMap('messages').set('s1', message('s1', 'carol-laptop-id', 'as carol')));
    expect(await writeRefused(connectRaw(t.relay, WS, 'room/general', t.bob), stolen)).toBe(RelayCloseCode.PolicyRefused);

    const stored = (await readBack(t.relay, WS, t.owner, 'room/general')).getMap('messages');
    expect([...stored.keys()].sort()).toEqual(['b1', 'c1']);
  });

  it('lets a digital human post only for the connected member, with postedBy', async () => {
    const t = await team();
    await seedMeta(t);
    const room = new Y.Doc();
    const bob = userOf(t.bob);
    await writeDurably(connectRaw(t.relay, WS, 'room/general', t.bob), updateOf(room, (doc) => doc.getMap('messages').set('d1', message('d1', 'dh1', 'on it', { postedBy: bob }))));
    // The streaming reply goes on, as the same message.
    await writeDurably(connectRaw(t.relay, WS, 'room/general', t.bob), updateOf(room, (doc) => doc.getMap('messages').set('d1', message('d1', 'dh1', 'on it, done', { postedBy: bob }))));
    // A digital human whose meta entry has not reached the relay yet (it travels on another socket) posts too.
    await writeDurably(connectRaw(t.relay, WS, 'room/general', t.bob), updateOf(room, (doc) => doc.getMap('messages').set('d0', message('d0', 'dh-just-made', 'hello', { postedBy: bob }))));
    const asDh = updateOf(room, (doc) => doc.getMap('messages').set('d2', message('d2', 'dh1', 'I approve the payment')));
    expect(await writeRefused(connectRaw(t.relay, WS, 'room/general', t.carol), asDh)).toBe(RelayCloseCode.PolicyRefused);
    const forBob = updateOf(room, (doc) => doc.getMap('messages').set('d3', message('d3', 'dh1', 'for bob', { postedBy: bob })));
    expect(await writeRefused(connectRaw(t.relay, WS, 'room/general', t.carol), forBob)).toBe(RelayCloseCode.PolicyRefused);
    const notDh = updateOf(room, (doc) => doc.getMap('messages').set('d4', message('d4', userOf(t.owner), 'posing', { postedBy: userOf(t.carol) })));
    expect(await writeRefused(connectRaw(t.relay, WS, 'room/general', t.carol), notDh)).toBe(RelayCloseCode.PolicyRefused);
  });

  it("ends a guest's access at the date the governance doc gives, on open sockets too", async () => {
    const t = await team();
    await seedMeta(t);
    const guest = await t.relay.mintToken({ workspaceId: WS, email: 'guest@example.com', role: 'guest' });
    const open = connectRaw(t.relay, WS, 'room/general', guest);
    await waitUntil(() => open.frames.length > 0, 5000, 'the guest greeted');
    const gov = new Y.Doc();
    const until = (at: number): Uint8Array => updateOf(gov, (doc) => doc.getMap('members').set(userOf(guest), writeMemberPolicy({ role: 'guest', expiresAt: at, updatedAt: 1, updatedBy: 'a' })));
    const admin = connectRaw(t.relay, WS, 'governance', t.admin);
    await writeDurably(admin, until(Date.now() + 60_000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(open.closed).toBeNull();
    await writeDurably(admin, until(Date.now() - 1));
    expect((await open.waitClosed(2000)).code).toBe(RelayCloseCode.Forbidden);
    expect((await connectRaw(t.relay, WS, 'room/general', guest).waitClosed()).code).toBe(RelayCloseCode.Forbidden);
  });

  it("lets only the author, or message.delete:any, edit or remove a message", async () => {
    const t = await team();
    await seedMeta(t);
    const bob = userOf(t.bob);
    const room = new Y.Doc();
    await writeDurably(connectRaw(t.relay, WS, 'room/general', t.bob), updateOf(room, (doc) => doc.getMap('messages').set('b1', message('b1', bob, 'draft'))));
    await writeDurably(connectRaw(t.relay, WS, 'room/general', t.bob), updateOf(room, (doc) => doc.getMap('messages').set('b1', message('b1', bob, 'final', { editedAt: 2 }))));
    const copy = (): Y.Doc => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(room));
      return doc;
    };
    const c1 = copy();
    expect(await writeRefused(connectRaw(t.relay, WS, 'room/general', t.carol), updateOf(c1, (doc) => doc.getMap('messages').set('b1', message('b1', bob, 'bob was wrong'))))).toBe(RelayCloseCode.PolicyRefused);
    const c2 = copy();
    expect(await writeRefused(connectRaw(t.relay, WS, 'room/general', t.carol), updateOf(c2, (doc) => doc.getMap('messages').delete('b1')))).toBe(RelayCloseCode.PolicyRefused);
    const c3 = copy();
    expect(await writeRefused(connectRaw(t.relay, WS, 'room/general', t.bob), updateOf(c3, (doc) => doc.getMap('messages').set('b1', message('b1', userOf(t.carol), 'now carol said it'))))).toBe(RelayCloseCode.PolicyRefused);

    // A custom role granting message.delete:any, given by an admin, lets carol remove it.
    const gov = new Y.Doc();
    await writeDurably(
      connectRaw(t.relay, WS, 'governance', t.admin),
      updateOf(gov, (doc) => {
        doc.getMap('roles').set('moderator', writeRoleRecord({ id: 'moderator', name: 'Moderator', base: 'member', grants: [{ permission: 'message.delete:any', resources: null }], createdAt: 1, createdBy: 'a' }));
        doc.getMap('members').set(userOf(t.carol), writeMemberPolicy({ role: 'moderator', expiresAt: null, updatedAt: 1, updatedBy: 'a' }));
      }),
    );
    const c4 = copy();
    await writeDurably(connectRaw(t.relay, WS, 'room/general', t.carol), updateOf(c4, (doc) => doc.getMap('messages').set('b1', message('b1', bob, '', { deleted: true }))));
    const stored = (await readBack(t.relay, WS, t.owner, 'room/general')).getMap('messages').get('b1') as { deleted: boolean; authorId: string };
    expect(stored).toMatchObject({ deleted: true, authorId: bob });
  });
});
