import { describe, expect, it } from 'vitest';
import { makeCore } from '../../tests/fixtures/makeCore';
import type { Room, Workspace } from '../common/contract';
import { followAppBadge } from './followAppBadge';
import { addPeerMember, postAsPeer } from '../../tests/fixtures/roomPeers';

describe('the app badge count', () => {
  it('counts unread messages of the workspaces on the rail whose notifications are on', async () => {
    const t = await makeCore();
    const { core, call } = t;
    const acme = await call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' });
    addPeerMember(t, acme.id, 'ada', 'Ada Veyra');
    const room = await call<Room>('room.create', { workspaceId: acme.id, name: 'ops' });
    const counts: number[] = [];
    const stop = followAppBadge(core, (n) => counts.push(n), () => undefined);
    await expect.poll(() => counts.at(-1)).toBe(0);

    // Two messages from a teammate arrive.
    const later = Date.now() + 60_000;
    postAsPeer(t, acme.id, room.id, { id: 'm1', authorId: 'ada', text: 'hello', createdAt: later + 1 });
    postAsPeer(t, acme.id, room.id, { id: 'm2', authorId: 'ada', text: 'again', createdAt: later + 2 });
    await expect.poll(() => counts.at(-1)).toBe(2);

    await call('settings.update', { mute: { workspaceId: acme.id, muted: true } });
    await expect.poll(() => counts.at(-1)).toBe(0);
    await call('settings.update', { mute: { workspaceId: acme.id, muted: false } });
    await expect.poll(() => counts.at(-1)).toBe(2);
    await call('workspace.setArchived', { id: acme.id, archived: true });
    await expect.poll(() => counts.at(-1)).toBe(0);
    stop();
  });
});
