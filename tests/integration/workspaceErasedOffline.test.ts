/**
 * A device that was offline while an owner erased its workspace from the
 * relay, on a real relay (SQLite files, then PostgreSQL and Redis): when it
 * comes back it is told the workspace was erased, with the date (the
 * relay's tombstone), not "no access"; it keeps its copy and may keep it as
 * a local-only workspace. The relay keeps nothing of the workspace but its
 * id and date: its member-id bindings are gone too, and the id cannot be
 * registered again by anyone.
 */
import { Redis } from 'ioredis';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Message, MessagePage, Room, WorkspaceSyncStatus } from '../../src-main/common/contract';
import { RelayCloseCode, workspaceErasedAt } from '../../src-main/common/relayWire';
import { writeMessageRecord, type MessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import type { ClusterConfigInput } from '../../sync-server/cluster/clusterConfig';
import { SqliteMemberIdStore } from '../../sync-server/storage/SqliteMemberIdStore';
import { updateOf, writeDurably } from '../fixtures/hostileWrites';
import { connectRaw } from '../fixtures/relayHarness';
import { clusterServices } from '../fixtures/clusterServices';
import { linkedPair, type LinkedPair } from '../fixtures/linkedPair';
import { makeCore } from '../fixtures/makeCore';
import { eventually, FAST_SYNC, syncStatus } from '../fixtures/syncCores';

const services = await clusterServices();

/** Member-id bindings the relay holds for `ws`, read from its store. */
async function bindingsOf(pair: LinkedPair, ws: string, databaseUrl: string | null): Promise<number> {
  if (databaseUrl === null) {
    const store = new SqliteMemberIdStore(path.join(pair.relay.dataDir, 'member-ids.db'));
    try {
      return (await store.load(ws)).size;
    } finally {
      store.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM relay_member_ids WHERE workspace_id = $1', [ws])).rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Forgets the sign-in code limits of the fixture's emails in Redis (shared by every run of this file). */
async function resetCodeLimits(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for (const email of ['ada@example.com', 'bob@example.com']) {
      const keys = await redis.keys(`qwanyx:rate:*${email}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

async function offlineDeviceSeesErasure(cluster: ClusterConfigInput, databaseUrl: string | null): Promise<void> {
  const pair = await linkedPair({ cluster });
  const { a, b, ws } = pair;
  const room = await a.call<Room>('room.create', { workspaceId: ws, name: 'plans', memberIds: [] });
  await eventually(() => b.call<Room[]>('room.list', { workspaceId: ws }), (rooms) => rooms.some((r) => r.id === room.id), 'B sees the room');
  await b.call('room.join', { workspaceId: ws, roomId: room.id });
  await b.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Bob keeps this line.' });
  await eventually(() => syncStatus(b, ws), (s: WorkspaceSyncStatus) => s.state === 'synced' && s.pending === 0, 'B sent its message');
  // Bob's other device writes under its own profile id: the relay binds that id to his account (policy/MemberIds.ts).
  const wsUrl = pair.relay.url.replace(/^http/, 'ws');
  const bobToken = await pair.relay.current().mintToken({ workspaceId: ws, email: 'bob@example.com', role: 'member' });
  const roomDoc = new Y.Doc();
  await writeDurably(
    connectRaw({ wsUrl }, ws, `room/${room.id}`, bobToken),
    updateOf(roomDoc, (doc) => doc.getMap('messages').set('laptop-1', writeMessageRecord({ id: 'laptop-1', authorId: 'bob-laptop-id', text: 'from the laptop', createdAt: Date.now(), editedAt: null, deleted: false, threadRootId: null, mentions: [] } satisfies MessageRecord))),
  );

  // A workspace the relay still holds is not unlinked this way.
  await expect(a.call('workspace.unlinkRelay', { id: ws })).rejects.toThrow(/VALIDATION.*still on its relay/);

  // B goes offline (its core closed, its data kept), then Ada erases the workspace from the relay.
  const { dataDir, secrets } = b;
  await b.core.close();
  expect(await bindingsOf(pair, ws, databaseUrl)).toBeGreaterThan(0);
  const before = Date.now();
  await a.call('workspace.eraseFromRelay', { id: ws, confirmName: 'Acme' });
  expect(await bindingsOf(pair, ws, databaseUrl)).toBe(0);
  // A socket opened with a token from before the erasure is closed with 4411 and the date, as the online members' were.
  const late = await connectRaw({ wsUrl }, ws, 'meta', bobToken).waitClosed();
  expect(late.code).toBe(RelayCloseCode.WorkspaceErased);
  expect(workspaceErasedAt(late.reason)).toBeGreaterThanOrEqual(before);

  // B comes back: erased, with the date, not "no access"; its copy is intact.
  const back = await makeCore({ dataDir, secrets, sync: FAST_SYNC });
  const status = await eventually(() => syncStatus(back, ws), (s: WorkspaceSyncStatus) => s.state === 'error', 'B told what happened');
  expect(status.reasonCode).toBe('removed');
  expect(status.reason).toMatch(/erased this workspace from the relay on \d{4}-\d\d-\d\d: this device keeps its copy/);
  expect(Date.parse(status.erasedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
  expect(Date.parse(status.erasedAt ?? '')).toBeLessThanOrEqual(Date.now());
  const page = await back.call<MessagePage>('message.list', { workspaceId: ws, roomId: room.id, limit: 10 });
  expect(page.messages.map((m) => m.text)).toContain('Bob keeps this line.');
  // Retrying changes nothing.
  await back.call('sync.reconnect', { id: ws });
  await eventually(() => syncStatus(back, ws), (s: WorkspaceSyncStatus) => s.reasonCode === 'removed', 'still erased after a retry');

  // B keeps it as a local workspace; linking it again would re-create the id on the relay: refused.
  const local = await back.call<WorkspaceSyncStatus>('workspace.unlinkRelay', { id: ws });
  expect(local.state).toBe('local-only');
  expect((await back.call<MessagePage>('message.list', { workspaceId: ws, roomId: room.id, limit: 10 })).messages.map((m) => m.text)).toContain('Bob keeps this line.');
  await expect(back.call('workspace.link', { id: ws, relayUrl: pair.relay.url })).rejects.toThrow(/RELAY_REFUSED.*erased the workspace/);
  // Its former owner cannot either, once their device saw the erasure too and unlinked it.
  await eventually(() => syncStatus(a, ws), (s: WorkspaceSyncStatus) => s.reasonCode === 'removed', 'A sees the erasure');
  expect((await a.call<WorkspaceSyncStatus>('workspace.unlinkRelay', { id: ws })).state).toBe('local-only');
  await expect(a.call('workspace.link', { id: ws, relayUrl: pair.relay.url })).rejects.toThrow(/RELAY_REFUSED.*erased the workspace/);
  // Unlinking again changes nothing.
  await expect(back.call('workspace.unlinkRelay', { id: ws })).resolves.toMatchObject({ state: 'local-only' });
}

describe('a device offline while its workspace was erased from the relay', () => {
  it('is told it was erased (with the date), keeps its copy, and the relay keeps no binding (SQLite)', async () => {
    await offlineDeviceSeesErasure({}, null);
  });

  it.skipIf(typeof services === 'string')(`the same on PostgreSQL and Redis${typeof services === 'string' ? ` (skipped: ${services})` : ''}`, async () => {
    if (typeof services === 'string') return;
    await resetCodeLimits(services.redisUrl);
    await offlineDeviceSeesErasure({ databaseUrl: services.databaseUrl, redisUrl: services.redisUrl }, services.databaseUrl);
  });
});
