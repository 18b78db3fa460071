import { describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../../tests/fixtures/makeCore';
import { addPeerMember, postAsPeer, writeAsPeer } from '../../../tests/fixtures/roomPeers';
import type { Member, Profile, Room, UnreadSummary } from '../../common/contract';
import { writeRoomRecord } from '../../storage/rooms/metaRoomsFormat';

async function setup(): Promise<{ t: TestCore; ws: string; me: Profile }> {
  const t = await makeCore();
  const ws = (await t.call<{ id: string }>('workspace.create', { name: 'Acme', kind: 'team' })).id;
  return { t, ws, me: await t.call<Profile>('profile.get', {}) };
}

async function failure(t: TestCore, channel: string, input: unknown): Promise<string> {
  const result = await t.core.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} should have failed`);
  return result.error.code;
}

describe('rooms', () => {
  it('gives the profile a stable user id and records it in the member list of each workspace', async () => {
    const { t, ws, me } = await setup();
    expect(me.userId).toMatch(/^[a-z2-7]{26}$/);
    const members = await t.call<Member[]>('member.list', { workspaceId: ws });
    expect(members).toEqual([expect.objectContaining({ id: me.userId, kind: 'user', displayName: me.displayName })]);

    await t.call('profile.update', { displayName: 'Camille Martin', email: 'camille@example.com' });
    const renamed = await t.call<Member[]>('member.list', { workspaceId: ws });
    expect(renamed[0]).toMatchObject({ id: me.userId, displayName: 'Camille Martin', handle: 'camille.martin', email: 'camille@example.com' });

    const again = await makeCore({ dataDir: t.dataDir });
    await t.core.close();
    expect((await again.call<Profile>('profile.get', {})).userId).toBe(me.userId);
  });

  it('creates channels with normalised, unique names, and lists them with their topic', async () => {
    const { t, ws, me } = await setup();
    const general = await t.call<Room>('room.create', { workspaceId: ws, name: '  General Chat ', kind: 'channel', topic: 'Everything' });
    expect(general).toMatchObject({ name: 'general-chat', kind: 'channel', private: false, topic: 'Everything', joined: true, memberIds: [me.userId], unread: 0 });
    expect(await failure(t, 'room.create', { workspaceId: ws, name: 'GENERAL chat', kind: 'channel' })).toBe('CONFLICT');
    expect(await failure(t, 'room.create', { workspaceId: ws, kind: 'channel' })).toBe('VALIDATION');
    expect(await failure(t, 'room.create', { workspaceId: ws, name: 'a/b', kind: 'channel' })).toBe('VALIDATION');
    await t.call('room.create', { workspaceId: ws, name: 'design', kind: 'channel', private: true });
    expect((await t.call<Room[]>('room.list', { workspaceId: ws })).map((r) => `${r.name}:${r.private}`)).toEqual(['design:true', 'general-chat:false']);

    const updated = await t.call<Room>('room.update', { workspaceId: ws, roomId: general.id, name: 'all-hands', topic: 'Company news' });
    expect(updated).toMatchObject({ name: 'all-hands', topic: 'Company news' });
  });

  it('archives a room, which then refuses posts until unarchived', async () => {
    const { t, ws } = await setup();
    const room = await t.call<Room>('room.create', { workspaceId: ws, name: 'old', kind: 'channel' });
    expect((await t.call<Room>('room.update', { workspaceId: ws, roomId: room.id, archived: true })).archived).toBe(true);
    expect(await failure(t, 'message.post', { workspaceId: ws, roomId: room.id, text: 'hello?' })).toBe('VALIDATION');
    await t.call('room.update', { workspaceId: ws, roomId: room.id, archived: false });
    await t.call('message.post', { workspaceId: ws, roomId: room.id, text: 'back' });
  });

  it('opens one DM per set of members, named after the others, and only with workspace members', async () => {
    const { t, ws } = await setup();
    addPeerMember(t, ws, 'ada', 'Ada Veyra');
    addPeerMember(t, ws, 'bob', 'Bob Martin');
    const dm = await t.call<Room>('room.create', { workspaceId: ws, kind: 'dm', memberIds: ['ada'] });
    expect(dm).toMatchObject({ kind: 'dm', private: true, name: 'Ada Veyra' });
    expect((await t.call<Room>('room.create', { workspaceId: ws, kind: 'dm', memberIds: ['ada'] })).id).toBe(dm.id);
    const group = await t.call<Room>('room.create', { workspaceId: ws, kind: 'dm', memberIds: ['ada', 'bob'] });
    expect(group.id).not.toBe(dm.id);
    expect(group.name).toBe('Ada Veyra, Bob Martin');
    expect(await failure(t, 'room.create', { workspaceId: ws, kind: 'dm', memberIds: ['stranger'] })).toBe('VALIDATION');
  });

  it('joins and leaves public channels; hides private rooms from people outside them', async () => {
    const { t, ws, me } = await setup();
    addPeerMember(t, ws, 'ada', 'Ada Veyra');
    writeAsPeer(t, ws, 'meta', (doc) => {
      const base = { kind: 'channel' as const, topic: '', archived: false, createdAt: 1, createdBy: 'ada', members: ['ada'], joinedAt: { ada: 1 } };
      writeRoomRecord(doc.getMap('rooms'), { ...base, id: 'public1', name: 'random', private: false });
      writeRoomRecord(doc.getMap('rooms'), { ...base, id: 'secret1', name: 'board', private: true });
    });
    const listed = await t.call<Room[]>('room.list', { workspaceId: ws });
    expect(listed.map((r) => `${r.name}:${r.joined}`)).toEqual(['random:false']);
    expect(await failure(t, 'message.list', { workspaceId: ws, roomId: 'secret1' })).toBe('NOT_FOUND');
    expect(await failure(t, 'room.join', { workspaceId: ws, roomId: 'secret1' })).toBe('NOT_FOUND');

    expect((await t.call<Room>('room.join', { workspaceId: ws, roomId: 'public1' })).memberIds).toEqual(['ada', me.userId]);
    expect((await t.call<Room>('room.leave', { workspaceId: ws, roomId: 'public1' })).joined).toBe(false);
  });

  it('adds and removes members within the workspace', async () => {
    const { t, ws, me } = await setup();
    addPeerMember(t, ws, 'ada', 'Ada Veyra');
    const room = await t.call<Room>('room.create', { workspaceId: ws, name: 'ops', kind: 'channel', private: true });
    expect((await t.call<Room>('room.addMember', { workspaceId: ws, roomId: room.id, memberId: 'ada' })).memberIds).toEqual([me.userId, 'ada']);
    expect(await failure(t, 'room.addMember', { workspaceId: ws, roomId: room.id, memberId: 'nobody' })).toBe('VALIDATION');
    expect((await t.call<Room>('room.removeMember', { workspaceId: ws, roomId: room.id, memberId: 'ada' })).memberIds).toEqual([me.userId]);
    expect(await failure(t, 'room.removeMember', { workspaceId: ws, roomId: room.id, memberId: 'ada' })).toBe('NOT_FOUND');
  });

  it('mutes a room: its messages leave the badge total, its mentions stay', async () => {
    const { t, ws, me } = await setup();
    addPeerMember(t, ws, 'ada', 'Ada Veyra');
    const room = await t.call<Room>('room.create', { workspaceId: ws, name: 'noisy', kind: 'channel' });
    const later = Date.now() + 1000;
    postAsPeer(t, ws, room.id, { id: 'm1', authorId: 'ada', text: 'hi', createdAt: later });
    postAsPeer(t, ws, room.id, { id: 'm2', authorId: 'ada', text: `@${me.displayName} look`, createdAt: later + 1, mentions: [me.userId] });
    expect(await t.call<UnreadSummary>('read.summary', { workspaceId: ws })).toMatchObject({ total: 2, mentions: 1 });
    const events: string[] = [];
    t.core.onEvent((event) => events.push(event));
    expect((await t.call<Room>('room.setMuted', { workspaceId: ws, roomId: room.id, muted: true })).muted).toBe(true);
    expect(await t.call<UnreadSummary>('read.summary', { workspaceId: ws })).toMatchObject({ total: 0, mentions: 1 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(events).toContain('rooms.changed');
    expect(events).toContain('unread.changed');
  });
});
