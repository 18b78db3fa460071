/**
 * `qwanyx workspace rebuild W --from-relay` with a real relay: a linked
 * workspace whose file is damaged gets a fresh file holding every message
 * the relay acknowledged, plus the local changes it had not (read from the
 * damaged file's outbox when readable, and sent); the damaged file is kept
 * aside, byte for byte. A workspace never linked is refused with what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessagePage, RebuildResult, Room, Workspace, WorkspaceCheck } from '../../src-main/common/contract';
import { openSqlite } from '../../src-main/storage/openSqlite';
import { workspaceDbPath } from '../../src-main/storage/workspacePaths';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { eventually, FAST_SYNC, signIn, startRestartableRelay, syncStatus, type RestartableRelay } from '../fixtures/syncCores';

const SYNCED = 60;
const OFFLINE = 3;
const PAGE = 4096;

interface Linked {
  relay: RestartableRelay;
  t: TestCore;
  ws: string;
  room: string;
}

/** Acme, linked, with SYNCED messages the relay acknowledged and OFFLINE ones written while it was down; the core is closed. */
async function linkedWithOutbox(): Promise<Linked> {
  const relay = await startRestartableRelay();
  const t = await makeCore({ sync: FAST_SYNC });
  await signIn(t, relay, 'ada@example.com');
  const ws = (await t.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' })).id;
  await t.call('workspace.link', { id: ws, relayUrl: relay.url });
  const room = (await t.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' })).id;
  await eventually(() => syncStatus(t, ws), (s) => s.state === 'synced' && s.pending === 0, 'the room on the relay');
  for (let i = 0; i < SYNCED; i++) await t.call('message.post', { workspaceId: ws, roomId: room, text: `Synced ${i}` });
  await eventually(() => syncStatus(t, ws), (s) => s.state === 'synced' && s.pending === 0, 'everything acknowledged');
  await relay.stop();
  await eventually(() => syncStatus(t, ws), (s) => s.state === 'offline', 'offline');
  for (let i = 0; i < OFFLINE; i++) await t.call('message.post', { workspaceId: ws, roomId: room, text: `Offline ${i}` });
  await t.core.close();
  return { relay, t, ws, room };
}

function overwritePagesOf(file: string, names: string[], count: number): void {
  const db = openSqlite(file, { readonly: true });
  const pages = (db.prepare(`SELECT pageno FROM dbstat WHERE name IN (${names.map(() => '?').join(',')}) ORDER BY pageno`).all(...names) as { pageno: number }[]).map((r) => r.pageno);
  db.close();
  expect(pages.length).toBeGreaterThan(count);
  const fd = fs.openSync(file, 'r+');
  for (const page of pages.slice(1, 1 + count)) fs.writeSync(fd, Buffer.alloc(PAGE, 0x5a), 0, PAGE, (page - 1) * PAGE);
  fs.closeSync(fd);
}

async function rebuild(l: Linked, name: string): Promise<RebuildResult> {
  const run = await runCliInProcess(l.t.dataDir, ['workspace', 'rebuild', name, '--from-relay', '--json', '--timeout', '30'], { secretStore: l.t.secrets, sync: FAST_SYNC });
  expect(run.code, run.err.join('\n')).toBe(0);
  return JSON.parse(run.out[0]!) as RebuildResult;
}

async function texts(t: TestCore, ws: string, room: string): Promise<string[]> {
  return (await t.call<MessagePage>('message.list', { workspaceId: ws, roomId: room, limit: 200 })).messages.map((m) => m.text);
}

const synced = [...Array(SYNCED).keys()].map((i) => `Synced ${i}`);
const offline = [...Array(OFFLINE).keys()].map((i) => `Offline ${i}`);

describe('rebuilding a workspace from its relay', () => {
  it('brings back every acknowledged message and sends the readable outbox; the damaged file is kept aside', async () => {
    const l = await linkedWithOutbox();
    const file = workspaceDbPath(l.t.dataDir, l.ws);
    // The message projection is broken; the log and the outbox are still readable.
    overwritePagesOf(file, ['messages', 'messages_fts_data'], 3);
    const damaged = fs.readFileSync(file);
    const check = await runCliInProcess(l.t.dataDir, ['workspace', 'check', 'Acme'], { secretStore: l.t.secrets });
    expect(check.code).toBe(1);

    await l.relay.restart();
    const done = await rebuild(l, 'Acme');
    expect(done).toMatchObject({ workspaceId: l.ws, synced: true });
    expect(done.outboxChanges).toBeGreaterThanOrEqual(OFFLINE);
    expect(fs.readFileSync(path.join(done.movedAsideTo!, 'workspace.db')).equals(damaged)).toBe(true);

    const after = await makeCore({ dataDir: l.t.dataDir, secrets: l.t.secrets, sync: FAST_SYNC });
    expect(await after.call<WorkspaceCheck>('workspace.check', { id: l.ws })).toMatchObject({ ok: true, damaged: false });
    expect((await after.call<Workspace[]>('workspace.list', {})).find((w) => w.id === l.ws)?.name).toBe('Acme');
    expect(await texts(after, l.ws, l.room)).toEqual([...synced, ...offline]);
    // The outbox reached the relay: nothing is left to send.
    after.core.sync.connect(l.ws);
    await eventually(() => syncStatus(after, l.ws), (s) => s.state === 'synced' && s.pending === 0, 'outbox acknowledged');
  });

  it('brings back every acknowledged message when the log itself is broken', async () => {
    const l = await linkedWithOutbox();
    const file = workspaceDbPath(l.t.dataDir, l.ws);
    overwritePagesOf(file, ['updates', 'snapshots', 'sync_pending'], 6);
    await l.relay.restart();
    const done = await rebuild(l, l.ws);
    expect(done.synced).toBe(true);
    const after = await makeCore({ dataDir: l.t.dataDir, secrets: l.t.secrets, sync: FAST_SYNC });
    const got = await texts(after, l.ws, l.room);
    expect(got.slice(0, SYNCED)).toEqual(synced);
    // Offline messages come back only as far as the outbox could be read, never garbled.
    expect(offline.slice(0, got.length - SYNCED)).toEqual(got.slice(SYNCED));
  });

  it('refuses a workspace that is not linked, and says what to do instead', async () => {
    const t = await makeCore();
    const ws = (await t.call<Workspace>('workspace.create', { name: 'Solo notes', kind: 'solo' })).id;
    await t.core.close();
    const run = await runCliInProcess(t.dataDir, ['workspace', 'rebuild', 'Solo notes', '--from-relay']);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toContain(`is not linked to a relay, so there is nothing to rebuild it from: restore a snapshot (qwanyx backup restore --workspace ${ws})`);
    const usage = await runCliInProcess(t.dataDir, ['workspace', 'rebuild', 'Solo notes']);
    expect(usage.code).toBe(2);
  });
});
