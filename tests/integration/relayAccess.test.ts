/**
 * Who may open what on the relay's WebSocket: tokens are checked on connect
 * (4401 bad or expired, 4403 another workspace or not a member), guests are
 * read-only (their updates are neither stored nor broadcast), and a role
 * change or a removal reaches the member's open sockets at once.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_ACK, MESSAGE_SYNC, RelayCloseCode } from '../../src-main/common/relayWire';
import { signRelayToken } from '../../sync-server/auth/signRelayToken';
import { SqliteDocPersistence } from '../../sync-server/storage/SqliteDocPersistence';
import { connectRaw, HARNESS_SECRET, openProvider, startTestRelay, waitUntil, whenSynced } from '../fixtures/relayHarness';
import { relayApi, signIn } from '../fixtures/relayHttp';

const A = 'access-ws-aaaa';
const B = 'access-ws-bbbb';

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function storedText(dataDir: string, workspaceId: string, docName: string, field = 't'): Promise<string> {
  const store = new SqliteDocPersistence(`${dataDir}/docs.db`);
  try {
    const stored = await store.loadDoc({ workspaceId, docName });
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    return doc.getText(field).toString();
  } finally {
    await store.close();
  }
}

describe('relay access control', () => {
  it("drops a guest's writes: not broadcast, not stored, while the guest still reads", async () => {
    const relay = await startTestRelay();
    const member = openProvider(relay, A, 'meta', await relay.mintToken({ workspaceId: A, email: 'm@example.com', role: 'member' }));
    const guest = openProvider(relay, A, 'meta', await relay.mintToken({ workspaceId: A, email: 'g@example.com', role: 'guest' }));
    await Promise.all([whenSynced(member), whenSynced(guest)]);

    guest.doc.getText('t').insert(0, 'guest wrote this');
    member.doc.getText('t').insert(0, 'member');
    await waitUntil(() => guest.doc.getText('t').toString().includes('member'), 5000, 'member → guest');
    // The member's later write arrives; the guest's never does.
    member.doc.getMap('m').set('after', true);
    await waitUntil(() => guest.doc.getMap('m').get('after') === true, 5000, 'second member write');
    expect(member.doc.getText('t').toString()).toBe('member');

    // A fresh reader and the disk agree: only the member's text exists.
    const reader = openProvider(relay, A, 'meta', await relay.mintToken({ workspaceId: A, email: 'r@example.com', role: 'member' }));
    await whenSynced(reader);
    await waitUntil(() => reader.doc.getMap('m').get('after') === true, 5000, 'reader synced');
    expect(reader.doc.getText('t').toString()).toBe('member');
    await relay.close();
    expect(await storedText(relay.dataDir, A, 'meta')).toBe('member');
  });

  it('refuses a token for workspace A on workspace B with 4403', async () => {
    const relay = await startTestRelay();
    await relay.mintToken({ workspaceId: B, email: 'owner-b@example.com', role: 'owner' });
    const tokenA = await relay.mintToken({ workspaceId: A, email: 'alice@example.com', role: 'owner' });
    const client = connectRaw(relay, B, 'meta', tokenA);
    expect((await client.waitClosed()).code).toBe(RelayCloseCode.Forbidden);
  });

  it('refuses an expired, badly signed or missing token with 4401', async () => {
    const relay = await startTestRelay();
    await relay.mintToken({ workspaceId: A, email: 'alice@example.com', role: 'owner' });
    const now = Math.floor(Date.now() / 1000);
    const claims = { v: 1 as const, sub: 'nobody', email: 'alice@example.com', ws: A, role: 'owner' as const };
    const expired = signRelayToken({ ...claims, iat: now - 900, exp: now - 1 }, HARNESS_SECRET);
    expect((await connectRaw(relay, A, 'meta', expired).waitClosed()).code).toBe(RelayCloseCode.Unauthorized);
    const forged = signRelayToken({ ...claims, iat: now, exp: now + 600 }, 'another-secret-that-is-long-enough-000000');
    expect((await connectRaw(relay, A, 'meta', forged).waitClosed()).code).toBe(RelayCloseCode.Unauthorized);
    expect((await connectRaw(relay, A, 'meta', 'not-a-token').waitClosed()).code).toBe(RelayCloseCode.Unauthorized);
  });

  it('disconnects a removed member with 4403 within a second, and keeps them out', async () => {
    const relay = await startTestRelay();
    const owner = await signIn(relay, 'owner@example.com');
    const member = await signIn(relay, 'member@example.com');
    expect((await relayApi(relay, 'POST', '/v1/workspaces', { deviceToken: owner.deviceToken, body: { id: A } })).status).toBe(201);
    const invite = await relayApi<{ token: string }>(relay, 'POST', `/v1/workspaces/${A}/invitations`, {
      deviceToken: owner.deviceToken,
      body: { email: 'member@example.com', role: 'member' },
    });
    await relayApi(relay, 'POST', '/v1/invitations/accept', { deviceToken: member.deviceToken, body: { token: invite.body.token } });
    const token = await relayApi<{ token: string }>(relay, 'POST', `/v1/workspaces/${A}/token`, { deviceToken: member.deviceToken });
    const clients = [connectRaw(relay, A, 'meta', token.body.token), connectRaw(relay, A, 'room/x', token.body.token)];
    await Promise.all(clients.map((c) => c.opened));
    await waitUntil(() => clients.every((c) => c.frames.length > 0), 5000, 'greeting');

    const started = Date.now();
    expect((await relayApi(relay, 'DELETE', `/v1/workspaces/${A}/members/${member.userId}`, { deviceToken: owner.deviceToken })).status).toBe(204);
    for (const client of clients) expect((await client.waitClosed(1000)).code).toBe(RelayCloseCode.Forbidden);
    expect(Date.now() - started).toBeLessThan(1000);

    expect((await connectRaw(relay, A, 'meta', token.body.token).waitClosed()).code).toBe(RelayCloseCode.Forbidden);
    expect((await relayApi(relay, 'POST', `/v1/workspaces/${A}/token`, { deviceToken: member.deviceToken })).status).toBe(403);
  });

  it('closes a member whose role changed with 4409; a new token works with the new role', async () => {
    const relay = await startTestRelay();
    const owner = await signIn(relay, 'owner@example.com');
    const member = await signIn(relay, 'member@example.com');
    await relayApi(relay, 'POST', '/v1/workspaces', { deviceToken: owner.deviceToken, body: { id: A } });
    const invite = await relayApi<{ token: string }>(relay, 'POST', `/v1/workspaces/${A}/invitations`, {
      deviceToken: owner.deviceToken,
      body: { email: 'member@example.com', role: 'member' },
    });
    await relayApi(relay, 'POST', '/v1/invitations/accept', { deviceToken: member.deviceToken, body: { token: invite.body.token } });
    const first = await relayApi<{ token: string; role: string }>(relay, 'POST', `/v1/workspaces/${A}/token`, { deviceToken: member.deviceToken });
    expect(first.body.role).toBe('member');
    const client = connectRaw(relay, A, 'meta', first.body.token);
    await client.opened;

    const patched = await relayApi(relay, 'PATCH', `/v1/workspaces/${A}/members/${member.userId}`, { deviceToken: owner.deviceToken, body: { role: 'guest' } });
    expect(patched.status).toBe(200);
    expect((await client.waitClosed(1000)).code).toBe(RelayCloseCode.RoleChanged);
    // The old token carries the old role: refused until refreshed.
    expect((await connectRaw(relay, A, 'meta', first.body.token).waitClosed()).code).toBe(RelayCloseCode.RoleChanged);
    const second = await relayApi<{ token: string; role: string }>(relay, 'POST', `/v1/workspaces/${A}/token`, { deviceToken: member.deviceToken });
    expect(second.body.role).toBe('guest');
    const again = connectRaw(relay, A, 'meta', second.body.token);
    await again.opened;
    await waitUntil(() => again.frames.length > 0, 5000, 'greeting');
    expect(again.closed).toBeNull();
  });

  it('acks durable updates to qwanyx.v1 clients (cumulative count) and never echoes them', async () => {
    const relay = await startTestRelay();
    const token = await relay.mintToken({ workspaceId: A, email: 'alice@example.com', role: 'member' });
    const writer = connectRaw(relay, A, 'meta', token);
    const reader = connectRaw(relay, A, 'meta', token, { qwanyx: false });
    await Promise.all([writer.opened, reader.opened]);
    expect(writer.ws.protocol).toBe('qwanyx.v1');
    expect(reader.ws.protocol).toBe(`bearer.${token}`);
    await waitUntil(() => writer.frames.length > 0 && reader.frames.length > 0, 5000, 'greeting');
    const greeting = writer.frames.length;

    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 5; i++) doc.getText('t').insert(i, String(i));
    for (const u of updates) writer.send(updateFrame(u));
    await waitUntil(() => writer.frames.some((f) => f[0] === MESSAGE_ACK && f[1] === 5), 5000, 'ack of 5');
    await waitUntil(() => reader.frames.filter((f) => f[0] === MESSAGE_SYNC && f[1] === 2).length === 5, 5000, 'broadcast');
    // The writer got acks only, never its own updates back.
    expect(writer.frames.slice(greeting).every((f) => f[0] === MESSAGE_ACK)).toBe(true);
    // A stock client (no qwanyx.v1) gets no acks.
    expect(reader.frames.some((f) => f[0] === MESSAGE_ACK)).toBe(false);
  });
});
