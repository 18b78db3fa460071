/**
 * Two cores (two data dirs, two users) and a real relay over real
 * WebSockets: linking, inviting and joining; a change on one appears on the
 * other and back; both offline, each writes 1,000 changes, and once the relay
 * is back both hold the identical doc. The count of local changes not yet on
 * the relay goes up offline, survives a restart of the core, and drops to 0
 * once the relay has acknowledged them.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Invitation, RelayAccount, Workspace, WorkspaceSyncStatus } from '../../src-main/common/contract';
import { relayAccountNamespace } from '../../src-main/domain/RelayAccountService';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { eventually, FAST_SYNC, signIn, startRestartableRelay, syncStatus, type RestartableRelay } from '../fixtures/syncCores';
import { docJson } from '../fixtures/syncPeer';

interface Pair {
  relay: RestartableRelay;
  a: TestCore;
  b: TestCore;
  id: string;
}

/** Ada creates and links "Acme", invites Bob, Bob joins: both synced. */
async function linkedPair(): Promise<Pair> {
  const relay = await startRestartableRelay();
  const a = await makeCore({ sync: FAST_SYNC });
  const b = await makeCore({ sync: FAST_SYNC });
  await signIn(a, relay, 'ada@example.com');
  const acme = await a.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team', color: '#0ea5e9' });
  const linked = await a.call<WorkspaceSyncStatus>('workspace.link', { id: acme.id, relayUrl: relay.url });
  expect(linked).toMatchObject({ workspaceId: acme.id, relayUrl: relay.url, role: 'owner', accountEmail: 'ada@example.com' });
  await eventually(() => syncStatus(a, acme.id), (s) => s.state === 'synced' && s.pending === 0, 'Acme synced on A');

  const invitation = await a.call<Invitation>('invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });
  expect(invitation).toMatchObject({ workspaceId: acme.id, email: 'bob@example.com', role: 'member', relayUrl: relay.url });
  await signIn(b, relay, 'bob@example.com');
  const joined = await b.call<Workspace>('invite.accept', { relayUrl: relay.url, token: invitation.token });
  expect(joined).toMatchObject({ id: acme.id, name: 'Acme', color: '#0ea5e9', kind: 'team' });
  await eventually(() => syncStatus(b, acme.id), (s) => s.state === 'synced', 'Acme synced on B');
  return { relay, a, b, id: acme.id };
}

function metaOf(t: TestCore, id: string): Y.Doc {
  return t.core.workspaces.handle(id).docs.doc('meta');
}

async function workspaceOn(t: TestCore, id: string): Promise<Workspace | undefined> {
  return (await t.call<Workspace[]>('workspace.list', { includeArchived: true })).find((w) => w.id === id);
}

describe('two cores through a relay', () => {
  it('links, invites, joins, and carries a change from A to B and back', async () => {
    const { a, b, id } = await linkedPair();
    const changed: string[] = [];
    b.core.onEvent((event) => changed.push(event));

    await a.call('workspace.rename', { id, name: 'Acme Industries' });
    await eventually(() => workspaceOn(b, id), (w) => w?.name === 'Acme Industries', 'the rename on B');
    expect(changed).toContain('workspaces.changed');

    await b.call('workspace.setAppearance', { id, color: '#f97316', icon: '🚀' });
    await eventually(() => workspaceOn(a, id), (w) => w?.color === '#f97316' && w.icon === '🚀', 'the new look on A');
    await eventually(() => syncStatus(b, id), (s) => s.state === 'synced' && s.pending === 0, 'B synced');
    expect(Y.encodeStateVector(metaOf(a, id))).toEqual(Y.encodeStateVector(metaOf(b, id)));
  });

  it('both offline, 1,000 changes each: after reconnecting both hold the identical doc', async () => {
    const { relay, a, b, id } = await linkedPair();
    await relay.stop();
    await eventually(() => syncStatus(a, id), (s) => s.state === 'offline', 'A offline');
    await eventually(() => syncStatus(b, id), (s) => s.state === 'offline', 'B offline');

    for (const [t, who] of [[a, 'a'], [b, 'b']] as const) {
      const docs = t.core.workspaces.handle(id).docs;
      for (let n = 0; n < 1000; n++) {
        docs.transact('meta', txOrigin('local'), (doc) => {
          doc.getMap('kv').set(`${who}${n}`, n);
          doc.getArray('list').push([`${who}${n}`]);
        });
      }
    }
    expect((await syncStatus(a, id)).pending).toBe(1000);
    expect((await syncStatus(b, id)).pending).toBe(1000);

    await relay.restart();
    for (const t of [a, b]) await eventually(() => syncStatus(t, id), (s) => s.state === 'synced' && s.pending === 0, 'synced again');
    const metaA = metaOf(a, id);
    const metaB = metaOf(b, id);
    await eventually(
      () => Buffer.from(Y.encodeStateVector(metaB)).equals(Buffer.from(Y.encodeStateVector(metaA))),
      (same) => same,
      'the same state vector on both',
    );
    expect(JSON.stringify(docJson(metaA))).toBe(JSON.stringify(docJson(metaB)));
    expect(metaA.getArray('list').length).toBe(2000);
    expect(new Set(metaA.getArray('list').toArray()).size).toBe(2000);
    expect(metaA.getMap('kv').size).toBe(2000);
  });

  it('counts changes not yet on the relay: up while offline, kept across a restart, 0 once acknowledged', async () => {
    const relay = await startRestartableRelay();
    const first = await makeCore({ sync: FAST_SYNC });
    await signIn(first, relay, 'ada@example.com');
    const ws = await first.call<Workspace>('workspace.create', { name: 'Globex', kind: 'team' });
    expect(await syncStatus(first, ws.id)).toMatchObject({ state: 'local-only', pending: 0 });
    // Linking counts the existing state as pending until the relay has it.
    await first.call('workspace.link', { id: ws.id, relayUrl: relay.url });
    await eventually(() => syncStatus(first, ws.id), (s) => s.state === 'synced' && s.pending === 0, 'linked and uploaded');

    await relay.stop();
    await eventually(() => syncStatus(first, ws.id), (s) => s.state === 'offline', 'offline');
    for (const name of ['Globex 1', 'Globex 2', 'Globex 3']) await first.call('workspace.rename', { id: ws.id, name });
    expect(await syncStatus(first, ws.id)).toMatchObject({ state: 'offline', reasonCode: 'unreachable', pending: 3 });
    await first.core.close();

    const again = await makeCore({ dataDir: first.dataDir, secrets: first.secrets, sync: FAST_SYNC });
    expect(await syncStatus(again, ws.id)).toMatchObject({ pending: 3, relayUrl: relay.url });
    await eventually(() => syncStatus(again, ws.id), (s) => s.state === 'offline', 'offline after the restart');

    const events: WorkspaceSyncStatus[] = [];
    again.core.onEvent((event, payload) => {
      if (event === 'sync.statusChanged') events.push(payload as WorkspaceSyncStatus);
    });
    await relay.restart();
    await eventually(() => syncStatus(again, ws.id), (s) => s.state === 'synced' && s.pending === 0, 'acknowledged');
    await eventually(() => events.at(-1), (s) => s?.state === 'synced' && s.pending === 0, 'the synced event');

    // A fresh device sees the last name: the relay really has the changes.
    const other = await makeCore({ sync: FAST_SYNC });
    await signIn(other, relay, 'ada@example.com');
    const invitation = await again.call<Invitation>('invite.create', { workspaceId: ws.id, email: 'ada2@example.com', role: 'guest' });
    await signIn(other, relay, 'ada2@example.com');
    const joined = await other.call<Workspace>('invite.accept', { relayUrl: relay.url, token: invitation.token });
    expect(joined.name).toBe('Globex 3');
    expect(await syncStatus(other, ws.id)).toMatchObject({ role: 'guest', pending: 0 });
  });

  it('follows a role change and a removal decided on the relay', async () => {
    const { relay, a, b, id } = await linkedPair();
    const adaToken = await a.secrets.get(relayAccountNamespace(relay.url), 'device-token');
    const [bob] = await b.call<RelayAccount[]>('relay.accounts', {});
    const member = (init: RequestInit): Promise<Response> =>
      fetch(`${relay.url}/v1/workspaces/${id}/members/${bob!.userId}`, {
        ...init,
        headers: { Authorization: `Bearer ${adaToken}`, 'Content-Type': 'application/json' },
      });

    expect((await member({ method: 'PATCH', body: JSON.stringify({ role: 'guest' }) })).status).toBe(200);
    await eventually(() => syncStatus(b, id), (s) => s.role === 'guest' && s.state === 'synced', 'Bob reconnected as a guest');
    // A guest's changes stay on their device: nothing is counted as waiting for the relay.
    b.core.workspaces.handle(id).docs.transact('meta', txOrigin('local'), (doc) => doc.getMap('kv').set('bob', 'was here'));
    expect((await syncStatus(b, id)).pending).toBe(0);
    await a.call('workspace.rename', { id, name: 'Acme (owner)' });
    await eventually(() => workspaceOn(b, id), (w) => w?.name === 'Acme (owner)', 'the owner’s rename on the guest');
    expect(metaOf(a, id).getMap('kv').has('bob')).toBe(false);

    expect((await member({ method: 'DELETE' })).status).toBe(204);
    const removed = await eventually(() => syncStatus(b, id), (s) => s.state === 'error', 'Bob disconnected');
    expect(removed).toMatchObject({ reasonCode: 'no-access' });
    expect((await syncStatus(a, id)).state).toBe('synced');
  });

  it('uploads what another process (the CLI) wrote to the same workspace while the app runs', async () => {
    const { a, b, id } = await linkedPair();
    const cli = await makeCore({ dataDir: a.dataDir, secrets: a.secrets, sync: { ...FAST_SYNC, autoConnect: false } });
    await cli.call('workspace.rename', { id, name: 'Renamed from the CLI' });
    expect((await syncStatus(cli, id)).pending).toBe(1);
    await eventually(() => workspaceOn(b, id), (w) => w?.name === 'Renamed from the CLI', 'the CLI rename on B');
    await eventually(() => syncStatus(a, id), (s) => s.state === 'synced' && s.pending === 0, 'A has nothing pending');
  });

  it('stops syncing when the device signs out of the relay, and resumes when it signs in again', async () => {
    const { relay, b, id } = await linkedPair();
    await b.call('relay.signOut', { url: relay.url });
    const out = await eventually(() => syncStatus(b, id), (s) => s.state === 'error', 'signed out');
    expect(out).toMatchObject({ reasonCode: 'signed-out', relayUrl: relay.url });
    expect(await b.secrets.keys(relayAccountNamespace(relay.url))).toEqual([]);
    expect(await b.secrets.get(id, 'relay-token')).toBeNull();
    await signIn(b, relay, 'bob@example.com');
    await eventually(() => syncStatus(b, id), (s) => s.state === 'synced', 'back in sync');
  });

  it('deleting a linked workspace on one device leaves nothing of it there and the others untouched', async () => {
    const { a, b, id } = await linkedPair();
    expect(await b.secrets.keys(id)).toEqual(['relay-token']);
    await b.call('workspace.delete', { id, confirmName: 'Acme' });
    expect(await b.secrets.keys(id)).toEqual([]);
    expect((await b.call<WorkspaceSyncStatus[]>('sync.status', {})).map((s) => s.workspaceId)).not.toContain(id);
    await a.call('workspace.rename', { id, name: 'Acme still here' });
    await eventually(() => syncStatus(a, id), (s) => s.state === 'synced' && s.pending === 0, 'A still syncing');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await b.secrets.keys(id)).toEqual([]);
  });

  it('a workspace never linked opens no socket and never asks the relay anything', async () => {
    const relay = await startRestartableRelay();
    const t = await makeCore({ sync: FAST_SYNC });
    const ws = await t.call<Workspace>('workspace.create', { name: 'Solo', kind: 'solo' });
    await t.call('workspace.rename', { id: ws.id, name: 'Solo work' });
    expect(await syncStatus(t, ws.id)).toEqual({
      workspaceId: ws.id,
      state: 'local-only',
      reasonCode: null,
      reason: null,
      pending: 0,
      relayUrl: null,
      accountEmail: null,
      role: null,
    });
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).toMatch(/^relay_connections_opened_total 0$/m);
    const refused = await t.core.dispatch('invite.create', { workspaceId: ws.id, email: 'x@example.com', role: 'member' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const notSignedIn = await t.core.dispatch('workspace.link', { id: ws.id, relayUrl: relay.url });
    expect(notSignedIn).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});
