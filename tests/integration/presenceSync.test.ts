/**
 * Presence and typing between two cores through a real relay (Yjs awareness
 * over the `meta` socket): B sees A online, typing in a room and then not,
 * away and back, and gone when A's core shuts down.
 */
import { describe, expect, it } from 'vitest';
import type { Profile, Room, WorkspacePresence } from '../../src-main/common/contract';
import { linkedPair } from '../fixtures/linkedPair';
import type { TestCore } from '../fixtures/makeCore';
import { eventually } from '../fixtures/syncCores';

function presenceOf(t: TestCore, ws: string): Promise<WorkspacePresence> {
  return t.call<WorkspacePresence>('presence.list', { workspaceId: ws });
}

describe('presence through a relay', () => {
  it('shows who is online, typing and away, and who left', async () => {
    const { a, b, ws } = await linkedPair();
    const ada = await a.call<Profile>('profile.get', {});
    const bob = await b.call<Profile>('profile.get', {});
    const general = await a.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' });
    const pushed: WorkspacePresence[] = [];
    b.core.onEvent((event, payload) => {
      if (event === 'presence.changed') pushed.push(payload as WorkspacePresence);
    });

    const both = await eventually(() => presenceOf(b, ws), (p) => p.people.length === 2, 'B sees both');
    expect(both.people.map((p) => [p.userId, p.status]).sort()).toEqual([[ada.userId, 'online'], [bob.userId, 'online']].sort());

    await a.call('typing.set', { workspaceId: ws, roomId: general.id, typing: true });
    const typing = await eventually(() => presenceOf(b, ws), (p) => p.people.some((x) => x.typing.length > 0), 'B sees A typing');
    expect(typing.people.find((p) => p.userId === ada.userId)?.typing).toEqual([{ roomId: general.id, threadRootId: null }]);
    expect(pushed.some((p) => p.people.some((x) => x.userId === ada.userId && x.typing.length === 1))).toBe(true);

    await a.call('typing.set', { workspaceId: ws, roomId: general.id, typing: false });
    await eventually(() => presenceOf(b, ws), (p) => p.people.every((x) => x.typing.length === 0), 'typing ends');

    await a.call('presence.setStatus', { status: 'away' });
    await eventually(() => presenceOf(b, ws), (p) => p.people.find((x) => x.userId === ada.userId)?.status === 'away', 'A away');
    await a.call('presence.setStatus', { status: 'active' });
    await eventually(() => presenceOf(b, ws), (p) => p.people.find((x) => x.userId === ada.userId)?.status === 'online', 'A back');

    await a.core.close();
    const after = await eventually(() => presenceOf(b, ws), (p) => p.people.length === 1, 'A gone');
    expect(after.people[0]?.userId).toBe(bob.userId);
  });

  it('ends typing on its own when no report refreshes it', async () => {
    const { a, b, ws } = await linkedPair();
    const general = await a.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' });
    await a.call('typing.set', { workspaceId: ws, roomId: general.id, typing: true });
    await eventually(() => presenceOf(b, ws), (p) => p.people.some((x) => x.typing.length > 0), 'B sees A typing');
    const started = Date.now();
    await eventually(() => presenceOf(b, ws), (p) => p.people.every((x) => x.typing.length === 0), 'typing expires', 12_000);
    expect(Date.now() - started).toBeGreaterThan(3_000);
  });

  it('refuses malformed typing reports and unknown workspaces', async () => {
    const { a, ws } = await linkedPair();
    const bad = await a.core.dispatch('typing.set', { workspaceId: ws, roomId: '../x', typing: true });
    expect(bad.ok).toBe(false);
    const unknown = await a.core.dispatch('presence.list', { workspaceId: 'nope-nope-nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
