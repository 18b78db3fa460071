/**
 * A guest's end date (`governance.members[id].expiresAt`) takes effect on
 * its own, over real WebSockets: a guest whose date passes while their
 * sockets are open is closed with 4403 within about a second of it (no
 * governance change needed) and cannot come back; a guest or member without
 * an end date keeps their socket; an end date moved later before it passes
 * re-arms the timer. On two relay nodes (real PostgreSQL and Redis) the node
 * that never saw the governance write still closes its guest on time.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeMemberPolicy } from '../../src-main/common/governance/governanceRecords';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { clusterServices } from '../fixtures/clusterServices';
import { updateOf, userOf, writeDurably } from '../fixtures/hostileWrites';
import { startClusterNode, type ClusterNode } from '../fixtures/relayCluster';
import { connectRaw, startTestRelay, waitUntil, type RawClient } from '../fixtures/relayHarness';
import { makeTempDir } from '../fixtures/tempDir';

const WS = 'guest-expiry-ws-01';

/** Sets `members[userOf(token)]` in `gov` to a guest record ending at `expiresAt` (null: never). */
function guestUntil(gov: Y.Doc, token: string, expiresAt: number | null): Uint8Array {
  return updateOf(gov, (doc) => doc.getMap('members').set(userOf(token), writeMemberPolicy({ role: 'guest', expiresAt, updatedAt: Date.now(), updatedBy: 'owner' })));
}

/** Resolves with the time `client` was closed (polled every 5 ms). */
async function closedAt(client: RawClient, timeoutMs: number): Promise<number> {
  await waitUntil(() => client.closed !== null, timeoutMs, 'the guest socket to close');
  return Date.now();
}

async function greeted(...clients: RawClient[]): Promise<void> {
  for (const client of clients) await waitUntil(() => client.frames.length > 0, 5000, 'the relay to greet the socket');
}

describe('guest expiry on open sockets', () => {
  it('closes a guest when their end date passes, without any governance change, and leaves the others connected', async () => {
    const relay = await startTestRelay();
    const admin = await relay.mintToken({ workspaceId: WS, email: 'admin@example.com', role: 'admin' });
    const member = await relay.mintToken({ workspaceId: WS, email: 'member@example.com', role: 'member' });
    const leaving = await relay.mintToken({ workspaceId: WS, email: 'leaving@example.com', role: 'guest' });
    const staying = await relay.mintToken({ workspaceId: WS, email: 'staying@example.com', role: 'guest' });
    const gov = new Y.Doc();
    const end = Date.now() + 1500;
    const adminGov = connectRaw(relay, WS, 'governance', admin);
    await writeDurably(adminGov, guestUntil(gov, leaving, end));
    await writeDurably(adminGov, guestUntil(gov, staying, null));

    const leavingRoom = connectRaw(relay, WS, 'room/general', leaving);
    const leavingMeta = connectRaw(relay, WS, 'meta', leaving);
    const stayingRoom = connectRaw(relay, WS, 'room/general', staying);
    const memberRoom = connectRaw(relay, WS, 'room/general', member);
    await greeted(leavingRoom, leavingMeta, stayingRoom, memberRoom);
    expect(leavingRoom.closed).toBeNull();

    const at = await closedAt(leavingRoom, 4000);
    expect(at).toBeGreaterThanOrEqual(end);
    expect(at - end).toBeLessThan(1000);
    expect(leavingRoom.closed!.code).toBe(RelayCloseCode.Forbidden);
    expect((await leavingMeta.waitClosed(1000)).code).toBe(RelayCloseCode.Forbidden);
    // The others stay, and the room still works for the member.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stayingRoom.closed).toBeNull();
    expect(memberRoom.closed).toBeNull();
    expect(adminGov.closed).toBeNull();
    await writeDurably(memberRoom, updateOf(new Y.Doc(), (doc) => doc.getMap('notes').set('after', 'still here')));
    // The guest cannot come back, on any doc.
    expect((await connectRaw(relay, WS, 'room/general', leaving).waitClosed()).code).toBe(RelayCloseCode.Forbidden);
    expect((await connectRaw(relay, WS, 'room/other', leaving).waitClosed()).code).toBe(RelayCloseCode.Forbidden);
  });

  it('re-arms on a governance change: an end date moved later keeps the guest, one moved earlier closes them then', async () => {
    const relay = await startTestRelay();
    const admin = await relay.mintToken({ workspaceId: WS, email: 'admin@example.com', role: 'admin' });
    const guest = await relay.mintToken({ workspaceId: WS, email: 'guest@example.com', role: 'guest' });
    const gov = new Y.Doc();
    const adminGov = connectRaw(relay, WS, 'governance', admin);
    const first = Date.now() + 1000;
    await writeDurably(adminGov, guestUntil(gov, guest, first));
    const room = connectRaw(relay, WS, 'room/general', guest);
    await greeted(room);
    // Extended before it passes: the old date goes by without a close.
    await writeDurably(adminGov, guestUntil(gov, guest, Date.now() + 60_000));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, first - Date.now()) + 600));
    expect(room.closed).toBeNull();
    // Brought forward: the new, nearer date is the one the timer waits for.
    const end = Date.now() + 800;
    await writeDurably(adminGov, guestUntil(gov, guest, end));
    const at = await closedAt(room, 4000);
    expect(at).toBeGreaterThanOrEqual(end);
    expect(at - end).toBeLessThan(1000);
    expect(room.closed!.code).toBe(RelayCloseCode.Forbidden);
  });

  it('closes a guest at the stored end date after a restart, even when their first socket was to meta (before governance loaded)', async () => {
    const first = await startTestRelay();
    const admin = await first.mintToken({ workspaceId: WS, email: 'admin@example.com', role: 'admin' });
    const guest = await first.mintToken({ workspaceId: WS, email: 'guest@example.com', role: 'guest' });
    const end = Date.now() + 2500;
    await writeDurably(connectRaw(first, WS, 'governance', admin), guestUntil(new Y.Doc(), guest, end));
    await first.close();
    const relay = await startTestRelay({ dataDir: first.dataDir });
    const meta = connectRaw(relay, WS, 'meta', guest);
    await greeted(meta);
    const room = connectRaw(relay, WS, 'room/general', guest);
    await greeted(room);
    const at = await closedAt(room, 5000);
    expect(at).toBeGreaterThanOrEqual(end);
    expect(at - end).toBeLessThan(1000);
    expect(room.closed!.code).toBe(RelayCloseCode.Forbidden);
    expect((await meta.waitClosed(1000)).code).toBe(RelayCloseCode.Forbidden);
  });
});

const services = await clusterServices();
const skip = typeof services === 'string';

describe.skipIf(skip)(`guest expiry on two relay nodes${skip ? ` (skipped: ${services})` : ''}`, () => {
  it('closes the guest on the node that only received the governance write from the other', async () => {
    const nodes: ClusterNode[] = [];
    try {
      for (let i = 0; i < 2; i++) nodes.push(await startClusterNode(services as Exclude<typeof services, string>, makeTempDir('qwanyx-guest-expiry-')));
      const [one, two] = nodes as [ClusterNode, ClusterNode];
      const ws = `gx-${randomUUID().slice(0, 12)}`;
      const admin = await one.mintToken({ workspaceId: ws, email: `admin-${randomUUID().slice(0, 8)}@example.com`, role: 'admin' });
      const guest = await one.mintToken({ workspaceId: ws, email: `guest-${randomUUID().slice(0, 8)}@example.com`, role: 'guest' });
      const member = await one.mintToken({ workspaceId: ws, email: `member-${randomUUID().slice(0, 8)}@example.com`, role: 'member' });
      // Node two holds the workspace's docs before the end date is written on node one.
      const onTwo = connectRaw(two, ws, 'room/general', guest);
      const memberOnTwo = connectRaw(two, ws, 'room/general', member);
      await greeted(onTwo, memberOnTwo);
      const end = Date.now() + 1500;
      await writeDurably(connectRaw(one, ws, 'governance', admin), guestUntil(new Y.Doc(), guest, end));
      const at = await closedAt(onTwo, 5000);
      expect(at).toBeGreaterThanOrEqual(end);
      expect(at - end).toBeLessThan(1000);
      expect(onTwo.closed!.code).toBe(RelayCloseCode.Forbidden);
      expect(memberOnTwo.closed).toBeNull();
      for (const node of nodes) expect((await connectRaw(node, ws, 'room/general', guest).waitClosed()).code).toBe(RelayCloseCode.Forbidden);
    } finally {
      for (const node of nodes) await node.close();
    }
  });
});
