/**
 * Files of a relay kept in an S3-compatible bucket (a real S3-protocol
 * server on loopback, tests/fixtures/s3Server.ts) instead of its disk:
 * uploads resume at the offset the bucket holds (a cut chunk keeps what
 * came), bytes that do not match their hash never become a blob, a blob is
 * served only for the rooms it was uploaded to, the quota counts uploads
 * under way at their full size, erasing a workspace or one file deletes the
 * objects, and a bucket that stops answering is a clear 503 and a failing
 * readiness check, after which the upload resumes with nothing acknowledged
 * lost.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openBlobStore } from '../../sync-server/blobs/openBlobStore';
import { parseRelayConfig } from '../../sync-server/config';
import { startRelay } from '../../sync-server/startRelay';
import { HARNESS_SECRET, startTestRelay, type TestRelay } from '../fixtures/relayHarness';
import { blobApi, blobWorkspaceOn, s3KeysUnder, sha256 } from '../fixtures/relayBlobCalls';
import { startTestS3, TEST_BUCKET } from '../fixtures/s3Server';
import { makeTempDir } from '../fixtures/tempDir';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A workspace with rooms `general` and `design` on `relay`, and its owner's device token. */
const workspaceOn = (relay: TestRelay) => blobWorkspaceOn(relay, 's3', ['general', 'design']);

describe('relay files in an S3-compatible bucket', () => {
  it('keeps a file in the bucket, not on the disk: resumed at the offset it holds, checked against its hash, served whole or from a Range to its room only', async () => {
    const s3 = await startTestS3();
    const relay = await startTestRelay(s3.settings());
    const { ws, auth } = await workspaceOn(relay);
    const api = blobApi(relay, ws, auth);
    const bytes = randomBytes(100_000);
    const hash = sha256(bytes);

    expect(await (await api.post(hash, 0, bytes.length, bytes.subarray(0, 40_000))).json()).toEqual({ received: 40_000, complete: false });
    expect(await api.state(hash)).toMatchObject({ received: 40_000, complete: false, usedBytes: 0 });
    const wrong = await api.post(hash, 30_000, bytes.length, bytes.subarray(30_000));
    expect(wrong.status).toBe(409);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain('resume from 40000');
    expect(await (await api.post(hash, 40_000, bytes.length, bytes.subarray(40_000))).json()).toEqual({ received: 100_000, complete: true });

    expect(await s3KeysUnder(s3, `relay/${ws}/`)).toEqual([`relay/${ws}/data/${hash}`, `relay/${ws}/marks/${hash}/general`]);
    expect(filesUnder(path.join(relay.dataDir, 'blobs'))).toEqual([]);
    expect(await api.state(hash)).toMatchObject({ complete: true, usedBytes: 100_000 });

    const whole = await api.get(hash);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const ranged = await api.get(hash, 'general', { range: 'bytes=99000-' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 99000-99999/100000');
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(99_000))).toBe(true);
    // Knowing the hash is not enough: the file was not uploaded to this room.
    expect((await api.get(hash, 'design')).status).toBe(404);

    const liar = sha256(Buffer.from('something else'));
    const lie = await api.post(liar, 0, 5, Buffer.from('hello'));
    expect(lie.status).toBe(400);
    expect((await s3KeysUnder(s3, `relay/${ws}/`)).filter((k) => k.includes(liar))).toEqual([]);
  });

  it('keeps the bytes of a chunk cut on the way, so the upload resumes after them', async () => {
    const s3 = await startTestS3();
    const relay = await startTestRelay(s3.settings());
    const { ws, auth } = await workspaceOn(relay);
    const api = blobApi(relay, ws, auth);
    const bytes = randomBytes(50_000);
    const hash = sha256(bytes);
    const url = new URL(`${relay.url}/v1/workspaces/${ws}/blobs/${hash}?room=general&offset=0&size=${bytes.length}`);
    await new Promise<void>((resolve) => {
      const req = http.request(url, { method: 'POST', headers: { ...auth, 'content-length': String(bytes.length) } });
      req.on('error', () => resolve());
      req.write(bytes.subarray(0, 20_000), () => setTimeout(() => req.destroy(), 200));
    });
    let held = 0;
    for (let i = 0; i < 100 && held === 0; i++) {
      held = (await api.state(hash)).received;
      if (held === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(held).toBe(20_000);
    expect(await (await api.post(hash, held, bytes.length, bytes.subarray(held))).json()).toEqual({ received: 50_000, complete: true });
    expect(Buffer.from(await (await api.get(hash)).arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses what passes the quota, counting an upload under way at its full size', async () => {
    const s3 = await startTestS3();
    const relay = await startTestRelay({ ...s3.settings(), limits: { maxBlobBytesPerWorkspace: 150_000 } });
    const { ws, auth } = await workspaceOn(relay);
    const api = blobApi(relay, ws, auth);
    const first = randomBytes(100_000);
    expect((await api.post(sha256(first), 0, first.length, first)).status).toBe(200);
    const second = randomBytes(40_000);
    expect(await (await api.post(sha256(second), 0, second.length, second.subarray(0, 10_000))).json()).toEqual({ received: 10_000, complete: false });
    const third = randomBytes(20_000);
    const refused = await api.post(sha256(third), 0, third.length, third);
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('quota');
    expect((await s3KeysUnder(s3, `relay/${ws}/`)).filter((k) => k.includes(sha256(third)))).toEqual([]);
    expect(await (await api.post(sha256(second), 10_000, second.length, second.subarray(10_000))).json()).toEqual({ received: 40_000, complete: true });
    // The same file uploaded to another room costs nothing more.
    expect((await api.post(sha256(first), 0, first.length, first, 'design')).status).toBe(200);
    expect((await api.state(sha256(first), 'design')).usedBytes).toBe(140_000);
  });

  it('deletes the objects of an erased workspace, and of one erased file with its marks and uploads under way', async () => {
    const s3 = await startTestS3();
    const relay = await startTestRelay(s3.settings());
    const { ws, auth } = await workspaceOn(relay);
    const api = blobApi(relay, ws, auth);
    const bytes = randomBytes(30_000);
    expect((await api.post(sha256(bytes), 0, bytes.length, bytes)).status).toBe(200);
    expect((await api.post(sha256(bytes), 0, bytes.length, bytes, 'design')).status).toBe(200);
    expect((await s3KeysUnder(s3, `relay/${ws}/`)).length).toBe(3);
    const erased = await fetch(`${relay.url}/v1/workspaces/${ws}/erase`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'workspace' }) });
    expect(erased.status).toBe(200);
    expect(((await erased.json()) as { removed: { blobs: number } }).removed.blobs).toBe(1);
    expect(await s3KeysUnder(s3, `relay/${ws}/`)).toEqual([]);

    // One file (a member's erasure names it): its bytes, every room's mark and another uploader's half-upload go.
    const config = parseRelayConfig({ dev: true, dataDir: makeTempDir('qwanyx-s3-store-'), ...s3.settings('store') });
    const store = await openBlobStore(config, {});
    try {
      const other = `w-${randomUUID().slice(0, 8)}`;
      const file = randomBytes(1000);
      const hash = sha256(file);
      const append = (userId: string, roomId: string, body: Buffer, size = file.length) =>
        store.append({ workspaceId: other, roomId, userId, hash, offset: 0, size, body: Readable.from([body]), maxChunk: 16 * 1024 * 1024 });
      expect(await append('ada', 'general', file)).toEqual({ received: 1000, complete: true });
      expect(await append('bob', 'design', file.subarray(0, 400))).toEqual({ received: 400, complete: false });
      expect((await s3KeysUnder(s3, `store/${other}/`)).length).toBe(3);
      expect(await store.bytesUsed(other)).toBe(1000);
      expect(await store.remove(other, hash)).toBe(true);
      expect(await s3KeysUnder(s3, `store/${other}/`)).toEqual([]);
      expect(await store.bytesUsed(other)).toBe(0);
      expect(await store.inRoom(other, 'general', hash)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('answers 503 naming the bucket while it does not answer, fails readiness, and resumes with nothing acknowledged lost', async () => {
    const s3 = await startTestS3();
    const relay = await startTestRelay(s3.settings());
    const { ws, auth } = await workspaceOn(relay);
    const api = blobApi(relay, ws, auth);
    const kept = randomBytes(10_000);
    expect((await api.post(sha256(kept), 0, kept.length, kept)).status).toBe(200);
    const bytes = randomBytes(60_000);
    const hash = sha256(bytes);
    expect(await (await api.post(hash, 0, bytes.length, bytes.subarray(0, 25_000))).json()).toEqual({ received: 25_000, complete: false });
    expect((await fetch(`${relay.url}/readyz`)).status).toBe(200);

    await s3.stop();
    const ready = await fetch(`${relay.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { problem: string }).problem).toContain(`S3 bucket ${TEST_BUCKET}`);
    for (const answer of [await api.post(hash, 25_000, bytes.length, bytes.subarray(25_000)), await api.get(sha256(kept))]) {
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toContain(`S3 bucket ${TEST_BUCKET}`);
    }

    await s3.start();
    expect((await fetch(`${relay.url}/readyz`)).status).toBe(200);
    expect(await api.state(hash)).toMatchObject({ received: 25_000, complete: false });
    expect(await (await api.post(hash, 25_000, bytes.length, bytes.subarray(25_000))).json()).toEqual({ received: 60_000, complete: true });
    expect(Buffer.from(await (await api.get(hash)).arrayBuffer()).equals(bytes)).toBe(true);
    expect(Buffer.from(await (await api.get(sha256(kept))).arrayBuffer()).equals(kept)).toBe(true);
  });

  it('does not start on a bucket it cannot use, naming the setting', async () => {
    const s3 = await startTestS3();
    const start = startRelay({ port: 0, host: '127.0.0.1', secret: HARNESS_SECRET, dev: true, logLevel: 'silent', dataDir: makeTempDir('qwanyx-s3-bad-'), ...s3.settings(), blobS3Bucket: 'no-such-bucket' });
    await expect(start).rejects.toThrow(/RELAY_BLOB_S3_BUCKET: the bucket no-such-bucket at http:\/\/127\.0\.0\.1:\d+ cannot be used/);
  });
});
