import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { makeCore, type TestCore } from '../../../tests/fixtures/makeCore';
import { addPeerMember, postAsPeer, reactAsPeer } from '../../../tests/fixtures/roomPeers';
import type { EventPayload, Message, MessagePage, Profile, Room } from '../../common/contract';
import { roomDocName } from '../../storage/rooms/roomDocFormat';

interface Setup {
  t: TestCore;
  ws: string;
  me: Profile;
  room: Room;
}

async function setup(): Promise<Setup> {
  const t = await makeCore();
  const ws = (await t.call<{ id: string }>('workspace.create', { name: 'Acme', kind: 'team' })).id;
  const me = await t.call<Profile>('profile.get', {});
  const room = await t.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' });
  return { t, ws, me, room };
}

async function failure(t: TestCore, channel: string, input: unknown): Promise<string> {
  const result = await t.core.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} should have failed`);
  return result.error.code;
}

describe('messages', () => {
  it('lists posts of one millisecond in the order they were written, and a peer clock far ahead does not pull this one along', async () => {
    const at = Date.now();
    // Before the core starts: it takes Date.now as its clock.
    const clock = vi.spyOn(Date, 'now').mockReturnValue(at);
    try {
      const { t, ws, room } = await setup();
      for (const text of ['first', 'second', 'third', 'fourth']) await t.call('message.post', { workspaceId: ws, roomId: room.id, text });
      const page = await t.call<MessagePage>('message.list', { workspaceId: ws, roomId: room.id, limit: 10 });
      expect(page.messages.map((m) => m.text)).toEqual(['first', 'second', 'third', 'fourth']);
      expect(page.messages.map((m) => m.createdAt)).toEqual([at, at + 1, at + 2, at + 3]);
      addPeerMember(t, ws, 'ada', 'Ada Veyra');
      postAsPeer(t, ws, room.id, { id: 'ahead', authorId: 'ada', text: 'from a clock an hour ahead', createdAt: at + 3_600_000 });
      clock.mockReturnValue(at + 10);
      const mine = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'now' });
      expect(mine.createdAt).toBe(at + 10);
    } finally {
      clock.mockRestore();
    }
  });

  it('pages through a timeline by cursor, oldest first, saying whether more exist on each side', async () => {
    const { t, ws, room } = await setup();
    addPeerMember(t, ws, 'ada', 'Ada Veyra');
    for (let n = 0; n < 25; n++) postAsPeer(t, ws, room.id, { id: `m${String(n).padStart(2, '0')}`, authorId: 'ada', text: `message ${n}`, createdAt: 1000 + n });
    const list = (input: object): Promise<MessagePage> => t.call<MessagePage>('message.list', { workspaceId: ws, roomId: room.id, ...input });

    const last = await list({ limit: 10 });
    expect(last.messages.map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `message ${15 + i}`));
    expect(last).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
    expect(last.messages[0]).toMatchObject({ authorId: 'ada', authorName: 'Ada Veyra', authorKind: 'user', pending: false });

    const older = await list({ before: 'm15', limit: 10 });
    expect(older.messages.map((m) => m.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m${String(5 + i).padStart(2, '0')}`));
    expect(older).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
    const oldest = await list({ before: 'm05', limit: 10 });
    expect(oldest.messages).toHaveLength(5);
    expect(oldest.hasMoreBefore).toBe(false);
    const newer = await list({ after: 'm20', limit: 10 });
    expect(newer.messages.map((m) => m.id)).toEqual(['m21', 'm22', 'm23', 'm24']);
    expect(newer).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });

    const around = await t.call<MessagePage>('message.around', { workspaceId: ws, roomId: room.id, messageId: 'm12', limit: 5 });
    expect(around.messages.map((m) => m.id)).toEqual(['m10', 'm11', 'm12', 'm13', 'm14']);
    expect(around).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
    expect(await failure(t, 'message.list', { workspaceId: ws, roomId: room.id, before: 'nope' })).toBe('NOT_FOUND');
    expect(await failure(t, 'message.list', { workspaceId: ws, roomId: room.id, before: 'm01', after: 'm02' })).toBe('VALIDATION');
  });

  it('keeps replies in their thread, with a reply count and the last reply time on the root', async () => {
    const { t, ws, room } = await setup();
    const root = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Shall we ship?' });
    const r1 = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Yes', threadRootId: root.id });
    // Replying to a reply goes to the same thread.
    const r2 = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Friday', threadRootId: r1.id });
    expect(r2.threadRootId).toBe(root.id);
    const timeline = await t.call<MessagePage>('message.list', { workspaceId: ws, roomId: room.id });
    expect(timeline.messages).toHaveLength(1);
    expect(timeline.messages[0]).toMatchObject({ id: root.id, replyCount: 2, lastReplyAt: r2.createdAt });
    const thread = await t.call<MessagePage>('message.list', { workspaceId: ws, roomId: room.id, threadRootId: root.id });
    expect(thread.messages.map((m) => m.text)).toEqual(['Yes', 'Friday']);
    const context = await t.call<MessagePage>('message.around', { workspaceId: ws, roomId: room.id, messageId: r2.id, limit: 10 });
    expect(context.messages.map((m) => m.id)).toEqual([r1.id, r2.id]);
  });

  it('edits and deletes only your own messages; a delete leaves a tombstone without the text, in the doc too', async () => {
    const { t, ws, room } = await setup();
    addPeerMember(t, ws, 'ada', 'Ada Veyra');
    const mine = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Budget is 10k' });
    const edited = await t.call<Message>('message.edit', { workspaceId: ws, roomId: room.id, messageId: mine.id, text: 'Budget is 12k' });
    expect(edited).toMatchObject({ text: 'Budget is 12k', deleted: false });
    expect(edited.editedAt).not.toBeNull();
    postAsPeer(t, ws, room.id, { id: 'hers', authorId: 'ada', text: 'Not yours' });
    expect(await failure(t, 'message.edit', { workspaceId: ws, roomId: room.id, messageId: 'hers', text: 'mine now' })).toBe('FORBIDDEN');
    expect(await failure(t, 'message.delete', { workspaceId: ws, roomId: room.id, messageId: 'hers' })).toBe('FORBIDDEN');

    const deleted = await t.call<Message>('message.delete', { workspaceId: ws, roomId: room.id, messageId: mine.id });
    expect(deleted).toMatchObject({ deleted: true, text: '' });
    expect(await failure(t, 'message.edit', { workspaceId: ws, roomId: room.id, messageId: mine.id, text: 'again' })).toBe('VALIDATION');
    const doc = t.core.workspaces.handle(ws).docs.doc(roomDocName(room.id));
    expect(JSON.stringify(Y.encodeStateAsUpdate(doc))).not.toContain('12k');
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(doc))).not.toContain('Budget');
    const page = await t.call<MessagePage>('message.list', { workspaceId: ws, roomId: room.id });
    expect(page.messages.map((m) => [m.id, m.deleted])).toEqual([[mine.id, true], ['hers', false]]);
  });

  it('counts reactions per emoji and knows which are mine', async () => {
    const { t, ws, room } = await setup();
    const msg = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Launched!' });
    reactAsPeer(t, ws, room.id, msg.id, 'ada', '🎉');
    reactAsPeer(t, ws, room.id, msg.id, 'bob', '🎉');
    await t.call('message.react', { workspaceId: ws, roomId: room.id, messageId: msg.id, emoji: '👍', on: true });
    const reacted = await t.call<Message>('message.react', { workspaceId: ws, roomId: room.id, messageId: msg.id, emoji: '🎉', on: true });
    expect(reacted.reactions).toEqual([
      { emoji: '🎉', count: 3, mine: true },
      { emoji: '👍', count: 1, mine: true },
    ]);
    const undone = await t.call<Message>('message.react', { workspaceId: ws, roomId: room.id, messageId: msg.id, emoji: '🎉', on: false });
    expect(undone.reactions).toEqual([
      { emoji: '🎉', count: 2, mine: false },
      { emoji: '👍', count: 1, mine: true },
    ]);
    expect(await failure(t, 'message.react', { workspaceId: ws, roomId: room.id, messageId: msg.id, emoji: 'two words', on: true })).toBe('VALIDATION');
  });

  it('pins messages to the room', async () => {
    const { t, ws, room } = await setup();
    const a = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Wiki: https://example.com' });
    await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'chatter' });
    expect((await t.call<Message>('message.pin', { workspaceId: ws, roomId: room.id, messageId: a.id, on: true })).pinned).toBe(true);
    expect((await t.call<Room[]>('room.list', { workspaceId: ws }))[0]!.pinnedMessageIds).toEqual([a.id]);
    expect((await t.call<Message[]>('message.pinned', { workspaceId: ws, roomId: room.id })).map((m) => m.text)).toEqual(['Wiki: https://example.com']);
    await t.call('message.pin', { workspaceId: ws, roomId: room.id, messageId: a.id, on: false });
    expect(await t.call<Message[]>('message.pinned', { workspaceId: ws, roomId: room.id })).toEqual([]);
  });

  it('resolves @handles to member ids, not inside code', async () => {
    const { t, ws, room } = await setup();
    addPeerMember(t, ws, 'ada', 'Ada Veyra');
    addPeerMember(t, ws, 'bob', 'Bob');
    const msg = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Hi @ada.veyra, see `@bob` and @nobody.\n```\n@bob\n```\n(@BOB)' });
    expect(msg.mentions).toEqual(['ada', 'bob']);
    const text = 'x'.repeat(40_001);
    expect(await failure(t, 'message.post', { workspaceId: ws, roomId: room.id, text })).toBe('VALIDATION');
    expect(await failure(t, 'message.post', { workspaceId: ws, roomId: room.id, text: '   ' })).toBe('VALIDATION');
  });

  it('tells the shells which messages changed, once per burst, after they are stored', async () => {
    const { t, ws, room } = await setup();
    const seen: EventPayload<'messages.changed'>[] = [];
    t.core.onEvent((event, payload) => {
      if (event === 'messages.changed') seen.push(payload as EventPayload<'messages.changed'>);
    });
    const msg = await t.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'one' });
    postAsPeer(t, ws, room.id, { id: 'p1', authorId: 'ada', text: 'two' });
    postAsPeer(t, ws, room.id, { id: 'p2', authorId: 'ada', text: 'three' });
    await Promise.resolve();
    expect(seen).toEqual([
      { workspaceId: ws, roomId: room.id, messageIds: [msg.id] },
      { workspaceId: ws, roomId: room.id, messageIds: ['p1', 'p2'] },
    ]);
  });
});
