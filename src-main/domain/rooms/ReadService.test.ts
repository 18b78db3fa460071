import { describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../../tests/fixtures/makeCore';
import { addPeerMember, postAsPeer, readAsPeer } from '../../../tests/fixtures/roomPeers';
import type { EventPayload, Profile, Room, UnreadSummary } from '../../common/contract';

async function setup(): Promise<{ t: TestCore; ws: string; me: Profile; room: Room; t0: number }> {
  const t = await makeCore();
  const ws = (await t.call<{ id: string }>('workspace.create', { name: 'Acme', kind: 'team' })).id;
  const me = await t.call<Profile>('profile.get', {});
  addPeerMember(t, ws, 'ada', 'Ada Veyra');
  const room = await t.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' });
  // Messages from "later": after every room below was created and joined.
  return { t, ws, me, room, t0: Date.now() + 60_000 };
}

function room(list: Room[], id: string): Room {
  return list.find((r) => r.id === id)!;
}

describe('read state', () => {
  it('counts what others wrote after my read pointer, and mentions of me, per room and per workspace', async () => {
    const { t, ws, me, room: general, t0 } = await setup();
    const other = await t.call<Room>('room.create', { workspaceId: ws, name: 'random', kind: 'channel' });
    postAsPeer(t, ws, general.id, { id: 'g1', authorId: 'ada', text: 'hello', createdAt: t0 + 1 });
    postAsPeer(t, ws, general.id, { id: 'g2', authorId: 'ada', text: '@me ping', createdAt: t0 + 2, mentions: [me.userId] });
    postAsPeer(t, ws, general.id, { id: 'g3', authorId: 'ada', text: 'in a thread @me', createdAt: t0 + 3, threadRootId: 'g1', mentions: [me.userId] });
    postAsPeer(t, ws, other.id, { id: 'o1', authorId: 'ada', text: 'elsewhere', createdAt: t0 + 4 });
    // Before I joined: not unread.
    postAsPeer(t, ws, other.id, { id: 'o0', authorId: 'ada', text: 'history', createdAt: 5 });

    let rooms = await t.call<Room[]>('room.list', { workspaceId: ws });
    // Thread replies do not make the room unread, but a mention in one counts.
    expect(room(rooms, general.id)).toMatchObject({ unread: 2, mentions: 2, lastReadMessageId: null });
    expect(room(rooms, other.id)).toMatchObject({ unread: 1, mentions: 0 });
    expect(await t.call<UnreadSummary>('read.summary', { workspaceId: ws })).toEqual({ workspaceId: ws, total: 3, mentions: 2 });

    const marked = await t.call<Room>('read.mark', { workspaceId: ws, roomId: general.id, messageId: 'g1' });
    expect(marked).toMatchObject({ unread: 1, mentions: 2, lastReadMessageId: 'g1' });
    // The pointer never moves back.
    await t.call<Room>('read.mark', { workspaceId: ws, roomId: general.id, messageId: 'g2' });
    expect(await t.call<Room>('read.mark', { workspaceId: ws, roomId: general.id, messageId: 'g1' })).toMatchObject({ unread: 0, mentions: 1, lastReadMessageId: 'g2' });

    // My own message moves my pointer: what came before it is read.
    const third = await t.call<Room>('room.create', { workspaceId: ws, name: 'third', kind: 'channel' });
    postAsPeer(t, ws, third.id, { id: 't1', authorId: 'ada', text: 'before my answer', createdAt: third.createdAt + 1 });
    expect(room(await t.call<Room[]>('room.list', { workspaceId: ws }), third.id).unread).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.call('message.post', { workspaceId: ws, roomId: third.id, text: 'seen it' });
    rooms = await t.call<Room[]>('room.list', { workspaceId: ws });
    expect(room(rooms, third.id)).toMatchObject({ unread: 0, mentions: 0 });
  });

  it('marks everything read at once and tells the rail badge', async () => {
    const { t, ws, me, room: general, t0 } = await setup();
    const badges: EventPayload<'unread.changed'>[] = [];
    t.core.onEvent((event, payload) => {
      if (event === 'unread.changed') badges.push(payload as EventPayload<'unread.changed'>);
    });
    postAsPeer(t, ws, general.id, { id: 'g1', authorId: 'ada', text: '@me hi', createdAt: t0 + 1, mentions: [me.userId] });
    postAsPeer(t, ws, general.id, { id: 'g2', authorId: 'ada', text: 'reply', createdAt: t0 + 2, threadRootId: 'g1' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(badges.at(-1)).toEqual({ workspaceId: ws, total: 1, mentions: 1 });
    expect(await t.call<UnreadSummary>('read.markAll', { workspaceId: ws })).toEqual({ workspaceId: ws, total: 0, mentions: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(badges.at(-1)).toEqual({ workspaceId: ws, total: 0, mentions: 0 });
  });

  it('follows read pointers synced from my other devices', async () => {
    const { t, ws, me, room: general, t0 } = await setup();
    postAsPeer(t, ws, general.id, { id: 'g1', authorId: 'ada', text: 'one', createdAt: t0 + 1 });
    postAsPeer(t, ws, general.id, { id: 'g2', authorId: 'ada', text: 'two', createdAt: t0 + 2 });
    expect(room(await t.call<Room[]>('room.list', { workspaceId: ws }), general.id).unread).toBe(2);
    readAsPeer(t, ws, general.id, me.userId, 'g2', t0 + 2);
    expect(room(await t.call<Room[]>('room.list', { workspaceId: ws }), general.id).unread).toBe(0);
  });
});
