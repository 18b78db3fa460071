/**
 * One person, two devices, through a real relay: Ada writes in a workspace on
 * her laptop before signing in (under the laptop's local id), signs in (the
 * relay account id becomes her id, the local one an alias), links it, and
 * opens it on her phone by signing in with the same email. Both devices show
 * one Ada: one author for all her messages, one member entry, one read
 * pointer and one unread count; what the laptop wrote before signing in
 * (message, reaction, room membership) stays hers.
 */
import { describe, expect, it } from 'vitest';
import type { Invitation, Member, Message, MessagePage, Profile, Room, UnreadSummary, Workspace } from '../../src-main/common/contract';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { eventually, FAST_SYNC, signIn, startRestartableRelay, syncStatus } from '../fixtures/syncCores';

async function timeline(t: TestCore, ws: string, roomId: string): Promise<Message[]> {
  return (await t.call<MessagePage>('message.list', { workspaceId: ws, roomId, limit: 200 })).messages;
}

async function roomOn(t: TestCore, ws: string, roomId: string): Promise<Room | undefined> {
  return (await t.call<Room[]>('room.list', { workspaceId: ws })).find((r) => r.id === roomId);
}

describe('identity: one email on two devices', () => {
  it('is one user: one author, one member, one read pointer, one unread count', async () => {
    const relay = await startRestartableRelay();
    const laptop = await makeCore({ sync: FAST_SYNC });
    const phone = await makeCore({ sync: FAST_SYNC });
    const bob = await makeCore({ sync: FAST_SYNC });
    await laptop.call('profile.update', { displayName: 'Ada Veyra', email: 'ada@example.com' });
    const localId = (await laptop.call<Profile>('profile.get', {})).userId;

    // Before signing in: a workspace, a channel, a message and a reaction under the laptop's local id.
    const acme = await laptop.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' });
    const ws = acme.id;
    const general = await laptop.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' });
    const early = await laptop.call<Message>('message.post', { workspaceId: ws, roomId: general.id, text: 'written before signing in' });
    await laptop.call('message.react', { workspaceId: ws, roomId: general.id, messageId: early.id, emoji: '👍', on: true });
    expect(early.authorId).toBe(localId);

    const account = await signIn(laptop, relay, 'ada@example.com');
    const linked = await laptop.call<Profile>('profile.get', {});
    expect(linked.userId).toBe(account.userId);
    expect(linked.userId).not.toBe(localId);
    await laptop.call('workspace.link', { id: ws, relayUrl: relay.url });
    await eventually(() => syncStatus(laptop, ws), (s) => s.state === 'synced', 'laptop synced');
    const later = await laptop.call<Message>('message.post', { workspaceId: ws, roomId: general.id, text: 'written after signing in' });

    // The phone: same email, so the same user; it joins with an invitation Ada sends herself.
    const invitation = await laptop.call<Invitation>('invite.create', { workspaceId: ws, email: 'ada@example.com', role: 'member' });
    await phone.call('profile.update', { displayName: 'Ada Veyra', email: 'ada@example.com' });
    await signIn(phone, relay, 'ada@example.com');
    expect((await phone.call<Profile>('profile.get', {})).userId).toBe(account.userId);
    await phone.call('invite.accept', { relayUrl: relay.url, token: invitation.token });
    await eventually(() => syncStatus(phone, ws), (s) => s.state === 'synced' && s.role === 'owner', 'phone synced, still owner');
    const fromPhone = await phone.call<Message>('message.post', { workspaceId: ws, roomId: general.id, text: 'written on the phone' });

    // Bob, a teammate, posts twice.
    const bobInvite = await laptop.call<Invitation>('invite.create', { workspaceId: ws, email: 'bob@example.com', role: 'member' });
    await bob.call('profile.update', { displayName: 'Bob Martin', email: 'bob@example.com' });
    await signIn(bob, relay, 'bob@example.com');
    await bob.call('invite.accept', { relayUrl: relay.url, token: bobInvite.token });
    await eventually(() => syncStatus(bob, ws), (s) => s.state === 'synced', 'bob synced');
    await eventually(() => roomOn(bob, ws, general.id), (r) => r !== undefined, '#general on Bob');
    await bob.call('room.join', { workspaceId: ws, roomId: general.id });
    await bob.call('message.post', { workspaceId: ws, roomId: general.id, text: 'hello Ada' });
    const last = await bob.call<Message>('message.post', { workspaceId: ws, roomId: general.id, text: 'are you there?' });

    for (const [name, device] of [['laptop', laptop], ['phone', phone]] as const) {
      // Eventually: the two devices may write Ada's entry at the same time; the one whose earlier id went missing writes it again.
      const list = await eventually(
        () => timeline(device, ws, general.id),
        (l) => l.length === 5 && l.filter((m) => m.authorName === 'Ada Veyra').every((m) => m.authorId === account.userId),
        `5 messages on the ${name}, Ada's under one id`,
      );
      const ada = list.filter((m) => m.authorName === 'Ada Veyra');
      // One author: every message Ada wrote, on either device, before or after signing in.
      expect(ada.map((m) => m.id), name).toEqual([early.id, later.id, fromPhone.id]);
      expect(new Set(ada.map((m) => m.authorId)), name).toEqual(new Set([account.userId]));
      expect(list.find((m) => m.id === early.id)!.reactions, name).toEqual([{ emoji: '👍', count: 1, mine: true }]);
      // One member entry for Ada.
      const members = await eventually(() => device.call<Member[]>('member.list', { workspaceId: ws }), (m) => m.length === 2, `two members on the ${name}`);
      expect(members.map((m) => m.displayName).sort(), name).toEqual(['Ada Veyra', 'Bob Martin']);
      // The room joined under the laptop's local id is joined on both devices; only Bob's messages are unread.
      const room = (await roomOn(device, ws, general.id))!;
      expect(room.joined, name).toBe(true);
      expect(room.unread, name).toBe(2);
      expect((await device.call<UnreadSummary>('read.summary', { workspaceId: ws })).total, name).toBe(2);
    }

    // One read pointer: read on the phone, read on the laptop.
    await phone.call('read.mark', { workspaceId: ws, roomId: general.id, messageId: last.id });
    await eventually(() => roomOn(laptop, ws, general.id), (r) => r?.unread === 0 && r.lastReadMessageId === last.id, 'read on the laptop too');
    expect((await laptop.call<UnreadSummary>('read.summary', { workspaceId: ws })).total).toBe(0);
    expect((await phone.call<UnreadSummary>('read.summary', { workspaceId: ws })).total).toBe(0);

    // What the laptop wrote before signing in is still Ada's to change, from the phone too.
    await phone.call('message.edit', { workspaceId: ws, roomId: general.id, messageId: early.id, text: 'edited on the phone' });
    await phone.call('message.react', { workspaceId: ws, roomId: general.id, messageId: early.id, emoji: '👍', on: false });
    await eventually(
      () => timeline(laptop, ws, general.id),
      (l) => l.find((m) => m.id === early.id)?.text === 'edited on the phone' && l.find((m) => m.id === early.id)?.reactions.length === 0,
      'edit and reaction removal on the laptop',
    );
  });
});
