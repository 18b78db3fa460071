/**
 * A file's upload to a real relay, as the core sends it (uploadBlobFile:
 * the rest of the file streamed from the disk from the relay's offset):
 * a connection dropped in the middle of a request keeps the bytes that
 * arrived, and the upload resumes from the relay's offset and is kept once
 * its SHA-256 matches; bytes that do not hash to their name are refused
 * and leave nothing behind on the relay (nor count against the quota).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BLOB_REQUEST_BYTES } from '../../src-main/common/contract/fileChannels';
import { uploadBlobFile } from '../../src-main/domain/files/uploadBlobFile';
import { RelayApi } from '../../src-main/sync/RelayApi';
import { RelayBlobApi } from '../../src-main/sync/RelayBlobApi';
import { startRelay } from '../../sync-server/startRelay';
import { makeTempDir } from '../fixtures/tempDir';

const WORKSPACE = 'blobresume0001';
const ROOM = 'resumeroom';

const relays: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of relays.splice(0)) await r.close();
});

async function relayWithUploader(): Promise<{ url: string; token: string; blobs: RelayBlobApi; relayDir: string; dir: string }> {
  const dir = makeTempDir('qwanyx-blob-resume-');
  const relayDir = path.join(dir, 'relay');
  const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: relayDir, secret: 'qwanyx-blob-resume-tests-secret-0123456789', dev: true, logLevel: 'silent', limits: {} });
  relays.push(relay);
  const api = new RelayApi(relay.url);
  await api.requestCode('ada@example.com');
  const session = await api.verify('ada@example.com', relay.lastCode('ada@example.com')!, 'laptop');
  await api.registerWorkspace(session.deviceToken, WORKSPACE);
  return { url: relay.url, token: session.deviceToken, blobs: new RelayBlobApi(api, session.deviceToken), relayDir, dir };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file the relay keeps for the workspace's blobs. */
function blobFiles(relayDir: string): string[] {
  const dir = path.join(relayDir, 'blobs', WORKSPACE);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Starts an upload of `bytes` from offset 0 by hand, sends `sendBytes` of it and drops the connection; resolves once the relay saw it go. */
async function sendThenDrop(url: string, token: string, hash: string, bytes: Buffer, sendBytes: number): Promise<void> {
  const target = new URL(`${url}/v1/workspaces/${WORKSPACE}/blobs/${hash}?room=${ROOM}&offset=0&size=${bytes.length}`);
  const request = http.request(target, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length), Authorization: `Bearer ${token}` } });
  request.on('error', () => undefined);
  for (let at = 0; at < sendBytes; at += 64 * 1024) {
    if (!request.write(bytes.subarray(at, Math.min(sendBytes, at + 64 * 1024)))) await new Promise((resolve) => request.once('drain', resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  request.destroy();
}

describe('blob uploads to the relay', () => {
  it('keeps what arrived before a dropped connection and resumes from the relay offset to a kept, verified blob', async () => {
    const { url, token, blobs, relayDir, dir } = await relayWithUploader();
    const bytes = randomBytes(5 * 1024 * 1024 + 12_345);
    const hash = sha256(bytes);
    const file = path.join(dir, 'clip.bin');
    fs.writeFileSync(file, bytes);

    await sendThenDrop(url, token, hash, bytes, 3 * 1024 * 1024 + 777);
    // The relay notices the drop on its own time (its length grows until then): wait until it stays put.
    const received = async () => (await blobs.status(WORKSPACE, ROOM, hash)).received;
    let held = -1;
    for (let i = 0; i < 50; i++) {
      const before = await received();
      await new Promise((resolve) => setTimeout(resolve, 200));
      held = await received();
      if (held === before) break;
    }
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(3 * 1024 * 1024 + 777);
    expect((await blobs.status(WORKSPACE, ROOM, hash)).complete).toBe(false);

    const sent: number[] = [];
    const requests = await uploadBlobFile(blobs, { workspaceId: WORKSPACE, roomId: ROOM, hash, file, size: bytes.length }, (n) => sent.push(n));
    expect(requests).toBe(1);
    // Only the rest went: the first byte counted is past the relay's offset.
    expect(sent[0]).toBeGreaterThan(held);
    expect(sent.at(-1)).toBe(bytes.length);
    const status = await blobs.status(WORKSPACE, ROOM, hash);
    expect(status).toMatchObject({ complete: true, usedBytes: bytes.length });
    const kept = path.join(relayDir, 'blobs', WORKSPACE, 'data', hash.slice(0, 2), hash);
    expect(fs.readFileSync(kept).equals(bytes)).toBe(true);
    expect(blobFiles(relayDir).filter((f) => f.includes(`${path.sep}partial${path.sep}`))).toEqual([]);

    const back = path.join(dir, 'back.bin');
    await blobs.download(WORKSPACE, ROOM, hash, back);
    expect(sha256(fs.readFileSync(back))).toBe(hash);
  });

  it('sends a file larger than one request in several, from the disk, and refuses one whose bytes do not match its hash, leaving nothing', async () => {
    const { blobs, relayDir, dir } = await relayWithUploader();
    const bytes = randomBytes(17 * 1024 * 1024 + 3);
    const file = path.join(dir, 'big.bin');
    fs.writeFileSync(file, bytes);

    const liar = sha256(Buffer.from('something else'));
    const refused = await uploadBlobFile(blobs, { workspaceId: WORKSPACE, roomId: ROOM, hash: liar, file, size: bytes.length }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ status: 400 });
    expect(String((refused as Error).message)).toMatch(/SHA-256/);
    expect(blobFiles(relayDir)).toEqual([]);
    // The relay says how much one request may carry, so the client need not cut the file in 16 MB pieces.
    expect(await blobs.status(WORKSPACE, ROOM, liar)).toMatchObject({ received: 0, complete: false, usedBytes: 0, maxChunkBytes: MAX_BLOB_REQUEST_BYTES });

    const hash = sha256(bytes);
    const requests = await uploadBlobFile(blobs, { workspaceId: WORKSPACE, roomId: ROOM, hash, file, size: bytes.length });
    expect(requests).toBeGreaterThanOrEqual(2);
    expect(await blobs.status(WORKSPACE, ROOM, hash)).toMatchObject({ complete: true, usedBytes: bytes.length });
    // Sent again (another device, or a retry after a lost answer): nothing more goes up.
    expect(await uploadBlobFile(blobs, { workspaceId: WORKSPACE, roomId: ROOM, hash, file, size: bytes.length })).toBe(0);
  });
});
