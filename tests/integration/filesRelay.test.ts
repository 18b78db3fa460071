/**
 * Files through a real relay and two devices: a file attached while the
 * relay is down goes up when it is back and arrives once, with the same
 * hash, on the other device; the relay refuses what passes the workspace's
 * quota; a member who is not in a private room cannot fetch its file by
 * hash; uploads resume at the offset the relay holds and downloads resume
 * with a Range.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachedFile, Invitation, Room, Workspace, WorkspaceSyncStatus } from '../../src-main/common/contract';
import { relayAccountNamespace } from '../../src-main/domain/RelayAccountService';
import { startRelay } from '../../sync-server/startRelay';
import { linkedPair, type LinkedPair } from '../fixtures/linkedPair';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { eventually, FAST_SYNC, signIn, syncStatus, type RestartableRelay } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file under `dir`, recursively (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function deviceToken(t: TestCore, relayUrl: string): Promise<string> {
  const token = await t.secrets.get(relayAccountNamespace(relayUrl), 'device-token');
  if (!token) throw new Error('no device token');
  return token;
}

async function attachAndPost(t: TestCore, workspaceId: string, roomId: string, name: string, type: string, bytes: Buffer): Promise<AttachedFile> {
  const file = await t.call<AttachedFile>('file.attach', { workspaceId, name, type, data: bytes.toString('base64') });
  await t.call('file.post', { workspaceId, roomId, files: [file.hash] });
  return file;
}

async function roomOn(t: TestCore, workspaceId: string, name: string): Promise<Room> {
  return eventually(
    async () => (await t.call<Room[]>('room.list', { workspaceId })).find((r) => r.name === name),
    (r) => r !== undefined,
    `room ${name}`,
  ) as Promise<Room>;
}

/** Ada and Bob sharing a workspace on a relay started with `limits`. */
async function pairOnRelay(limits: Record<string, number>): Promise<Omit<LinkedPair, 'relay'> & { relayUrl: string }> {
  const dataDir = makeTempDir('qwanyx-files-relay-');
  const started = await startRelay({ port: 0, host: '127.0.0.1', dataDir, secret: 'qwanyx-files-relay-tests-secret-0123456789', dev: true, logLevel: 'silent', limits });
  const relay = { url: started.url, port: started.port, dataDir, current: () => started, stop: () => started.close(), restart: async () => undefined } as RestartableRelay;
  const a = await makeCore({ sync: FAST_SYNC });
  const b = await makeCore({ sync: FAST_SYNC });
  await signIn(a, relay, 'ada@example.com');
  const acme = await a.call<Workspace>('workspace.create', { name: 'Acme', kind: 'team' });
  await a.call<WorkspaceSyncStatus>('workspace.link', { id: acme.id, relayUrl: relay.url });
  const invitation = await a.call<Invitation>('invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });
  await signIn(b, relay, 'bob@example.com');
  await b.call<Workspace>('invite.accept', { relayUrl: relay.url, token: invitation.token });
  await eventually(() => syncStatus(b, acme.id), (s) => s.state === 'synced', 'B synced');
  onTestFinishedClose(started);
  return { a, b, ws: acme.id, relayUrl: relay.url };
}

const toClose: { close(): Promise<void> }[] = [];
function onTestFinishedClose(r: { close(): Promise<void> }): void {
  toClose.push(r);
}
afterEach(async () => {
  for (const r of toClose.splice(0)) await r.close();
});

describe('files through the relay', () => {
  it('a file attached offline goes up when the relay is back and arrives once, with the same hash, on the other device', async () => {
    const { relay, a, b, ws } = await linkedPair();
    const room = await a.call<Room>('room.create', { workspaceId: ws, name: 'deliverables' });
    await roomOn(b, ws, 'deliverables');
    await b.call('room.join', { workspaceId: ws, roomId: room.id });
    await eventually(() => syncStatus(a, ws), (s) => s.state === 'synced' && s.pending === 0, 'A synced');
    await eventually(() => syncStatus(b, ws), (s) => s.state === 'synced' && s.pending === 0, 'B synced');
    await relay.stop();
    await eventually(() => syncStatus(a, ws), (s) => s.state === 'offline', 'A offline');

    const progress: { side: string; direction: string; bytes: number; total: number }[] = [];
    for (const [side, core] of [['A', a], ['B', b]] as const) {
      core.core.onEvent((event, payload) => {
        if (event === 'files.progress') progress.push({ side, ...(payload as { direction: string; bytes: number; total: number }) });
      });
    }
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7 offline\n'), Buffer.alloc(3 * 1024 * 1024 + 17, 3)]);
    const attached = await attachAndPost(a, ws, room.id, 'report.pdf', 'application/pdf', bytes);
    expect(attached.hash).toBe(sha256(bytes));
    await relay.restart();

    const listed = await eventually(
      () => b.call<{ messageId: string; files: AttachedFile[] }[]>('file.list', { workspaceId: ws, roomId: room.id }),
      (l) => l[0]?.files[0]?.local === true,
      'the file on B',
      30_000,
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]!.files[0]).toMatchObject({ hash: attached.hash, name: 'report.pdf', size: bytes.length, type: 'application/pdf' });
    const read = await b.call<{ data: string }>('file.read', { workspaceId: ws, hash: attached.hash });
    expect(sha256(Buffer.from(read.data, 'base64'))).toBe(attached.hash);
    // Once on each side: one blob on B (no temp file left), one blob and no partial upload on the relay.
    expect(filesUnder(path.join(b.dataDir, 'workspaces', ws, 'files', 'blobs')).map((f) => path.basename(f))).toEqual([attached.hash]);
    const onRelay = filesUnder(path.join(relay.dataDir, 'blobs', ws));
    expect(onRelay.filter((f) => f.includes(`${path.sep}data${path.sep}`)).map((f) => path.basename(f))).toEqual([attached.hash]);
    expect(onRelay.filter((f) => f.includes(`${path.sep}partial${path.sep}`))).toEqual([]);
    // The message can show progress: the sender's upload and the receiver's download each end at the file's size.
    expect(progress.filter((p) => p.side === 'A' && p.direction === 'up').at(-1)).toMatchObject({ bytes: bytes.length, total: bytes.length });
    expect(progress.filter((p) => p.side === 'B' && p.direction === 'down').at(-1)).toMatchObject({ bytes: bytes.length, total: bytes.length });
    await eventually(() => JSON.parse(fs.readFileSync(path.join(a.dataDir, 'workspaces', ws, 'files', 'uploads.json'), 'utf8')) as unknown[], (q) => q.length === 0, 'the upload queue emptied');
  });

  it('a member who is not in a private room cannot fetch its file by hash', async () => {
    const { relay, a, b, ws } = await linkedPair();
    const secret = await a.call<Room>('room.create', { workspaceId: ws, name: 'board', private: true });
    const open = await a.call<Room>('room.create', { workspaceId: ws, name: 'general-files' });
    await roomOn(b, ws, 'general-files');
    const bytes = Buffer.from('minutes of the board: acquisition of Globex');
    const attached = await attachAndPost(a, ws, secret.id, 'minutes.txt', 'text/plain', bytes);
    await eventually(() => filesUnder(path.join(relay.dataDir, 'blobs', ws, 'data')).length, (n) => n === 1, 'the upload');

    const token = await deviceToken(b, relay.url);
    const get = (roomId: string) => fetch(`${relay.url}/v1/workspaces/${ws}/blobs/${attached.hash}?room=${roomId}`, { headers: { Authorization: `Bearer ${token}` } });
    const refused = await get(secret.id);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('Globex');
    // Naming a room B may read does not help: the file was not uploaded there.
    const elsewhere = await get(open.id);
    expect(elsewhere.status).toBe(404);
    // B's core has no way to it either.
    const viaCore = await b.core.dispatch('file.read', { workspaceId: ws, hash: attached.hash });
    expect(viaCore.ok).toBe(false);
    // The owner can.
    const owner = await fetch(`${relay.url}/v1/workspaces/${ws}/blobs/${attached.hash}?room=${secret.id}`, { headers: { Authorization: `Bearer ${await deviceToken(a, relay.url)}` } });
    expect(Buffer.from(await owner.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses what passes the workspace quota, and tells the device that posted it', async () => {
    const { a, b, ws, relayUrl } = await pairOnRelay({ maxBlobBytesPerWorkspace: 1024 * 1024 });
    const room = await a.call<Room>('room.create', { workspaceId: ws, name: 'media' });
    await roomOn(b, ws, 'media');
    const failures: { hash: string; message: string }[] = [];
    a.core.onEvent((event, payload) => {
      if (event === 'files.transferFailed') failures.push(payload as { hash: string; message: string });
    });
    const small = await attachAndPost(a, ws, room.id, 'logo.bin', 'application/octet-stream', Buffer.alloc(600 * 1024, 1));
    await eventually(() => b.call<{ files: AttachedFile[] }[]>('file.list', { workspaceId: ws, roomId: room.id }), (l) => l.some((m) => m.files.some((f) => f.hash === small.hash && f.local)), 'the first file on B');
    const big = await attachAndPost(a, ws, room.id, 'video.bin', 'application/octet-stream', Buffer.alloc(600 * 1024, 2));
    await eventually(() => failures, (f) => f.length > 0, 'the quota refusal');
    expect(failures[0]).toMatchObject({ hash: big.hash });
    expect(failures[0]!.message).toMatch(/quota/);

    const token = await deviceToken(a, relayUrl);
    const direct = await fetch(`${relayUrl}/v1/workspaces/${ws}/blobs/${big.hash}?room=${room.id}&offset=0&size=${600 * 1024}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: Buffer.alloc(600 * 1024, 2) });
    expect(direct.status).toBe(413);
    // Unfinished uploads count against the quota too: half of a file blocks another that would fit beside the first.
    // 600 KB kept + 150 KB of an unfinished 300 KB upload + 300 KB > 1 MB, although 600 KB + 300 KB would fit.
    const half = Buffer.alloc(150 * 1024, 5);
    const halfHash = sha256(Buffer.concat([half, half]));
    const started = await fetch(`${relayUrl}/v1/workspaces/${ws}/blobs/${halfHash}?room=${room.id}&offset=0&size=${300 * 1024}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: half });
    expect(await started.json()).toEqual({ received: 150 * 1024, complete: false });
    const beside = Buffer.alloc(300 * 1024, 6);
    const blocked = await fetch(`${relayUrl}/v1/workspaces/${ws}/blobs/${sha256(beside)}?room=${room.id}&offset=0&size=${beside.length}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: beside });
    expect(blocked.status).toBe(413);
    const onB = await b.call<{ files: AttachedFile[] }[]>('file.list', { workspaceId: ws, roomId: room.id });
    expect(onB.flatMap((m) => m.files).find((f) => f.hash === big.hash)?.local).toBe(false);
  });

  it('resumes an upload at the offset the relay holds and a download with a Range', async () => {
    const { a, ws, relayUrl } = await pairOnRelay({});
    const room = await a.call<Room>('room.create', { workspaceId: ws, name: 'raw' });
    const token = await deviceToken(a, relayUrl);
    const bytes = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
    const hash = sha256(bytes);
    const url = (offset: number) => `${relayUrl}/v1/workspaces/${ws}/blobs/${hash}?room=${room.id}&offset=${offset}&size=${bytes.length}`;
    const auth = { Authorization: `Bearer ${token}` };
    const first = await fetch(url(0), { method: 'POST', headers: auth, body: bytes.subarray(0, 40_000) });
    expect(await first.json()).toEqual({ received: 40_000, complete: false });
    const status = await fetch(`${relayUrl}/v1/workspaces/${ws}/blobs/${hash}/upload?room=${room.id}`, { headers: auth });
    expect(await status.json()).toMatchObject({ received: 40_000, complete: false });
    // Skipping or repeating bytes is refused with where to resume.
    const wrong = await fetch(url(30_000), { method: 'POST', headers: auth, body: bytes.subarray(30_000) });
    expect(wrong.status).toBe(409);
    expect(await wrong.text()).toContain('resume from 40000');
    const rest = await fetch(url(40_000), { method: 'POST', headers: auth, body: bytes.subarray(40_000) });
    expect(await rest.json()).toEqual({ received: bytes.length, complete: true });

    const ranged = await fetch(`${relayUrl}/v1/workspaces/${ws}/blobs/${hash}?room=${room.id}`, { headers: { ...auth, Range: 'bytes=99000-' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 99000-99999/100000`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(99_000))).toBe(true);

    // Bytes that do not hash to the name are dropped, not kept.
    const liar = 'd'.repeat(64);
    const lie = await fetch(`${relayUrl}/v1/workspaces/${ws}/blobs/${liar}?room=${room.id}&offset=0&size=5`, { method: 'POST', headers: auth, body: Buffer.from('hello') });
    expect(lie.status).toBe(400);
    const noToken = await fetch(`${relayUrl}/v1/workspaces/${ws}/blobs/${hash}?room=${room.id}`);
    expect(noToken.status).toBe(401);
  });
});
