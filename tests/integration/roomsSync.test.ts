/**
 * Rooms between two cores (two data dirs, two people) through a real relay:
 * a channel created on A appears on B, messages posted on A land in B's
 * projection in order and once each, and messages written while the relay
 * is down (on both sides) show as pending, then arrive once each, in order,
 * when it is back.
 */
import { describe, expect, it } from 'vitest';
import type { Member, Message, MessagePage, Profile, Room, SearchResult } from '../../src-main/common/contract';
import { linkedPair } from '../fixtures/linkedPair';
import type { TestCore } from '../fixtures/makeCore';
import { eventually, syncStatus } from '../fixtures/syncCores';

async function timeline(t: TestCore, ws: string, roomId: string): Promise<Message[]> {
  return (await t.call<MessagePage>('message.list', { workspaceId: ws, roomId, limit: 200 })).messages;
}

async function roomOn(t: TestCore, ws: string, name: string): Promise<Room | undefined> {
  return (await t.call<Room[]>('room.list', { workspaceId: ws })).find((r) => r.name === name);
}

async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('rooms through a relay', () => {
  it('brings rooms, members and messages from A to B, in order, once each', async () => {
    const { a, b, ws } = await linkedPair();
    const ada = await a.call<Profile>('profile.get', {});
    const bob = await b.call<Profile>('profile.get', {});
    await eventually(() => a.call<Member[]>('member.list', { workspaceId: ws }), (m) => m.length === 2, 'both members on A');
    expect((await a.call<Member[]>('member.list', { workspaceId: ws })).map((m) => m.handle).sort()).toEqual(['ada.veyra', 'bob.martin']);

    const general = await a.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' });
    await eventually(() => roomOn(b, ws, 'general'), (r) => r !== undefined, '#general on B');
    await b.call('room.join', { workspaceId: ws, roomId: general.id });

    const posted: string[] = [];
    for (let n = 0; n < 20; n++) {
      posted.push((await a.call<Message>('message.post', { workspaceId: ws, roomId: general.id, text: `update ${n}${n === 7 ? ' @bob.martin' : ''}` })).id);
      await pause(2);
    }
    const onB = await eventually(() => timeline(b, ws, general.id), (list) => list.length >= 20, '20 messages on B');
    expect(onB.map((m) => m.id)).toEqual(posted);
    expect(onB.every((m) => m.authorId === ada.userId && m.authorName === 'Ada Veyra' && !m.pending)).toBe(true);
    expect(onB[7]!.mentions).toEqual([bob.userId]);
    const bRoom = await roomOn(b, ws, 'general');
    expect(bRoom).toMatchObject({ mentions: 1 });
    expect((await b.call<SearchResult>('search', { workspaceId: ws, query: 'update has:mention' })).hits.map((h) => h.message.id)).toEqual([posted[7]]);

    // And back: a reply, a reaction and an edit from B.
    const reply = await b.call<Message>('message.post', { workspaceId: ws, roomId: general.id, text: 'thanks', threadRootId: posted[0] });
    await b.call('message.react', { workspaceId: ws, roomId: general.id, messageId: posted[1], emoji: '👍', on: true });
    await eventually(() => timeline(a, ws, general.id), (list) => list[0]!.replyCount === 1 && list[1]!.reactions.length === 1, 'reply and reaction on A');
    await b.call('message.edit', { workspaceId: ws, roomId: general.id, messageId: reply.id, text: 'thanks a lot' });
    await eventually(
      () => a.call<MessagePage>('message.list', { workspaceId: ws, roomId: general.id, threadRootId: posted[0] }),
      (page) => page.messages[0]?.text === 'thanks a lot',
      'the edit on A',
    );
  });

  it('offline: messages written while the relay is down show as pending, then arrive once each, in order', async () => {
    const { relay, a, b, ws } = await linkedPair();
    const general = await a.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' });
    await eventually(() => roomOn(b, ws, 'general'), (r) => r !== undefined, '#general on B');
    await b.call('room.join', { workspaceId: ws, roomId: general.id });
    await eventually(() => syncStatus(a, ws), (s) => s.state === 'synced' && s.pending === 0, 'A synced');
    await eventually(() => syncStatus(b, ws), (s) => s.state === 'synced' && s.pending === 0, 'B synced');

    await relay.stop();
    await eventually(() => syncStatus(a, ws), (s) => s.state === 'offline', 'A offline');
    const written: string[] = [];
    for (let n = 0; n < 10; n++) {
      const t = n % 3 === 2 ? b : a;
      const message = await t.call<Message>('message.post', { workspaceId: ws, roomId: general.id, text: `offline ${n}` });
      expect(message.pending).toBe(true);
      written.push(message.id);
      await pause(2);
    }
    // Offline, A sees only its own messages, all pending.
    const offlineOnA = await timeline(a, ws, general.id);
    expect(offlineOnA.map((m) => m.id)).toEqual(written.filter((_, n) => n % 3 !== 2));
    expect(offlineOnA.every((m) => m.pending)).toBe(true);

    await relay.restart();
    const onA = await eventually(() => timeline(a, ws, general.id), (list) => list.length === 10 && list.every((m) => !m.pending), 'all 10 on A, none pending');
    const onB = await eventually(() => timeline(b, ws, general.id), (list) => list.length === 10 && list.every((m) => !m.pending), 'all 10 on B, none pending');
    expect(onA.map((m) => m.id)).toEqual(written);
    expect(onB.map((m) => m.id)).toEqual(written);
    expect(new Set(onB.map((m) => m.id)).size).toBe(10);
    await eventually(() => syncStatus(a, ws), (s) => s.state === 'synced' && s.pending === 0, 'A synced again');
  });
});
