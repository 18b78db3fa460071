/**
 * A doc far bigger than one relay frame (a digital human with tens of
 * thousands of memories, written before the workspace was linked) reaches a
 * teammate: the first handshake sends it in parts under the frame limit.
 */
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Invitation, Workspace } from '../../src-main/common/contract';
import { makeCore } from '../fixtures/makeCore';
import { eventually, FAST_SYNC, signIn, startRestartableRelay, syncStatus } from '../fixtures/syncCores';

const MEMORIES = 30_000;

describe('a doc bigger than a relay frame', () => {
  it('syncs in parts on the first handshake', { timeout: 120_000 }, async () => {
    const relay = await startRestartableRelay();
    const a = await makeCore({ sync: FAST_SYNC });
    const b = await makeCore({ sync: FAST_SYNC });
    await a.call('profile.update', { displayName: 'Ada Veyra', email: 'ada@example.com' });
    await b.call('profile.update', { displayName: 'Bob Martin', email: 'bob@example.com' });
    const acme = await a.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' });
    const dh = await a.call<DigitalHuman>('dh.create', { workspaceId: acme.id, name: 'Philippe', handle: 'philippe' });
    a.core.memory.importMany(
      acme.id,
      dh.id,
      Array.from({ length: MEMORIES }, (_, i) => ({ text: `Memory number ${i}: the client asked about invoice ${i * 7} and the launch plan ${i % 97}.` })),
    );
    const docBytes = a.core.workspaces.handle(acme.id).docs.doc(`dh/${dh.id}`);
    expect(docBytes.getMap('memories').size).toBe(MEMORIES);

    await signIn(a, relay, 'ada@example.com');
    await a.call('workspace.link', { id: acme.id, relayUrl: relay.url });
    await eventually(() => syncStatus(a, acme.id), (s) => s.state === 'synced', 'A uploaded everything', 60_000);
    const invitation = await a.call<Invitation>('invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });
    await signIn(b, relay, 'bob@example.com');
    await b.call('invite.accept', { relayUrl: relay.url, token: invitation.token });
    await eventually(
      () => (b.core.workspaces.openHandle(acme.id)?.docs.doc(`dh/${dh.id}`).getMap('memories').size ?? 0),
      (n) => n === MEMORIES,
      'B has every memory',
      60_000,
    );
  });
});
