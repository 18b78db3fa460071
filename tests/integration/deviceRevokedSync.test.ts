/**
 * A device revoked from another one stops syncing at once: the relay closes
 * its sockets with 4410, the core asks for a new token, the relay refuses the
 * revoked device token, and the workspace's status says to sign in again.
 */
import { describe, expect, it } from 'vitest';
import type { RelayDevice, Workspace } from '../../src-main/common/contract';
import { makeCore } from '../fixtures/makeCore';
import { eventually, FAST_SYNC, signIn, startRestartableRelay, syncStatus } from '../fixtures/syncCores';

describe('a revoked device', () => {
  it('stops syncing at once and is told to sign in again', async () => {
    const relay = await startRestartableRelay();
    const laptop = await makeCore({ sync: FAST_SYNC });
    const phone = await makeCore({ sync: FAST_SYNC });
    await signIn(laptop, relay, 'ada@example.com');
    await signIn(phone, relay, 'ada@example.com');
    const acme = await laptop.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' });
    await laptop.call('workspace.link', { id: acme.id, relayUrl: relay.url });
    await eventually(() => syncStatus(laptop, acme.id), (s) => s.state === 'synced', 'laptop synced');

    const laptopDevice = (await laptop.call<RelayDevice[]>('relay.devices', {})).find((d) => d.current)!;
    const revokedAt = Date.now();
    const done = await phone.call<{ signedOut: boolean }>('relay.revokeDevice', { url: relay.url, deviceId: laptopDevice.id });
    expect(done.signedOut).toBe(false);
    const status = await eventually(() => syncStatus(laptop, acme.id), (s) => s.state === 'error', 'the laptop told', 5000);
    expect(Date.now() - revokedAt).toBeLessThan(3000);
    expect(status).toMatchObject({ reasonCode: 'signed-out' });
    expect(status.reason).toContain('sign in again');
  });
});
