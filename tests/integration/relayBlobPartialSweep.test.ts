/**
 * Abandoned uploads leave the relay (sync-server/blobs/sweepPartialUploads.ts):
 * an upload nothing was written to for `RELAY_BLOB_PARTIAL_MAX_AGE_HOURS` is
 * deleted with what it held of the quota, on start and periodically, on the
 * relay's disk and in an S3-compatible bucket (a real S3-protocol server on
 * loopback); an upload being received is never deleted, on this node (its
 * request holds it) nor, with several nodes, on another (the upload's
 * lease in the shared PostgreSQL). Ages are moved with the files' times and
 * a clock the test controls, never waited out.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DiskBlobStore } from '../../sync-server/blobs/DiskBlobStore';
import { openBlobStore } from '../../sync-server/blobs/openBlobStore';
import { startPartialSweep } from '../../sync-server/blobs/sweepPartialUploads';
import { parseRelayConfig } from '../../sync-server/config';
import { readRelayConfigInput, relaySettingName } from '../../sync-server/readRelayConfigInput';
import { clusterServices, type ClusterServices } from '../fixtures/clusterServices';
import { startClusterNode, type ClusterNode } from '../fixtures/relayCluster';
import { startTestRelay } from '../fixtures/relayHarness';
import { blobApi, blobWorkspaceOn, s3KeysUnder, sha256 } from '../fixtures/relayBlobCalls';
import { startTestS3 } from '../fixtures/s3Server';
import { makeTempDir } from '../fixtures/tempDir';

const services = await clusterServices();
const HOUR = 3_600_000;

/** A workspace with room `general` on `relay`, and its owner's device token. */
const workspaceOn = (relay: ClusterNode | Awaited<ReturnType<typeof startTestRelay>>) => blobWorkspaceOn(relay, 'sweep');

function partialFiles(dataDir: string, ws: string): string[] {
  const dir = path.join(dataDir, 'blobs', ws, 'partial');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
}

function age(file: string, ms: number): void {
  const when = new Date(Date.now() - ms);
  fs.utimesSync(file, when, when);
}

describe('abandoned uploads on the relay', () => {
  it('RELAY_BLOB_PARTIAL_MAX_AGE_HOURS is a whole number of hours, 24 unless set', () => {
    expect(parseRelayConfig({ dev: true }).blobPartialMaxAgeHours).toBe(24);
    expect(parseRelayConfig({ dev: true, ...readRelayConfigInput({ RELAY_BLOB_PARTIAL_MAX_AGE_HOURS: '6' }) }).blobPartialMaxAgeHours).toBe(6);
    const parse = (value: string) => parseRelayConfig({ dev: true, ...readRelayConfigInput({ RELAY_BLOB_PARTIAL_MAX_AGE_HOURS: value }) }, relaySettingName);
    expect(() => parse('0')).toThrow('RELAY_BLOB_PARTIAL_MAX_AGE_HOURS must be at least 1');
    expect(() => parse('9000')).toThrow('RELAY_BLOB_PARTIAL_MAX_AGE_HOURS must be at most 8760');
    expect(() => parse('1.5')).toThrow('RELAY_BLOB_PARTIAL_MAX_AGE_HOURS must be a whole number');
    expect(() => readRelayConfigInput({ RELAY_BLOB_PARTIAL_MAX_AGE_HOURS: 'a day' })).toThrow(/RELAY_BLOB_PARTIAL_MAX_AGE_HOURS/);
  });

  it('on its disk: deleted when the relay starts, its quota given back; a recent one is kept', async () => {
    const limits = { maxBlobBytesPerWorkspace: 150_000 };
    const first = await startTestRelay({ limits });
    const { ws, auth } = await workspaceOn(first);
    const api = blobApi(first, ws, auth);
    const [a, b, c] = [randomBytes(100_000), randomBytes(100_000), randomBytes(20_000)];
    expect(await (await api.post(sha256(a), 0, a.length, a.subarray(0, 60_000))).json()).toEqual({ received: 60_000, complete: false });
    const [abandoned] = partialFiles(first.dataDir, ws);
    expect(await (await api.post(sha256(c), 0, c.length, c.subarray(0, 10_000))).json()).toEqual({ received: 10_000, complete: false });
    // Half-uploads count against the quota: b does not fit.
    expect((await api.post(sha256(b), 0, b.length, b)).status).toBe(413);
    await first.close();

    // a was last written 25 hours ago, c an hour ago; the relay starts again (24 hours, the default).
    age(abandoned!, 25 * HOUR);
    for (const f of partialFiles(first.dataDir, ws)) if (f !== abandoned) age(f, HOUR);
    const again = await startTestRelay({ dataDir: first.dataDir, limits });
    const api2 = blobApi(again, ws, auth);
    await expect.poll(() => fs.existsSync(abandoned!), { timeout: 5000 }).toBe(false);
    expect(await api2.received(sha256(a))).toBe(0);
    expect(await api2.received(sha256(c))).toBe(10_000);
    expect(await (await api2.post(sha256(b), 0, b.length, b)).json()).toEqual({ received: 100_000, complete: true });
  });

  it('on its disk: periodically, on the clock, never while a request writes to it', async () => {
    const root = makeTempDir('qwanyx-sweep-');
    const store = new DiskBlobStore(root, 1024 * 1024);
    const bytes = randomBytes(3000);
    const hash = sha256(bytes);
    const body = new PassThrough();
    const appending = store.append({ workspaceId: 'ws-sweep', roomId: 'general', userId: 'ada', hash, offset: 0, size: bytes.length, body, maxChunk: 1024 * 1024 });
    body.write(bytes.subarray(0, 1000));
    // The store opens its partial file asynchronously: wait until it is there.
    const partialDir = path.join(root, 'ws-sweep', 'partial');
    await expect.poll(() => (fs.existsSync(partialDir) ? fs.readdirSync(partialDir).length : 0), { timeout: 5000 }).toBe(1);
    const file = path.join(partialDir, fs.readdirSync(partialDir)[0]!);
    // Old on the disk, but a request of this relay is writing to it.
    age(file, 48 * HOUR);
    expect(await store.sweepPartial(Date.now())).toEqual({ uploads: 0, bytes: 0 });
    body.end(bytes.subarray(1000, 2000));
    expect(await appending).toEqual({ received: 2000, complete: false });

    // Written 30 minutes ago, with a 1-hour age: kept at start, deleted by a later sweep once the clock passed the hour.
    age(file, 30 * 60_000);
    let clock = Date.now();
    const logged: [string, unknown][] = [];
    const sweep = startPartialSweep({ store, maxAgeHours: 1, logger: (_level, msg, extra) => logged.push([msg, extra]), now: () => clock, intervalMs: 20 });
    try {
      expect(await sweep.sweep()).toEqual({ uploads: 0, bytes: 0 });
      expect(fs.existsSync(file)).toBe(true);
      clock += HOUR;
      await expect.poll(() => fs.existsSync(file), { timeout: 5000 }).toBe(false);
      expect(logged).toContainEqual(['blobs.partial_swept', { uploads: 1, bytes: 2000, maxAgeHours: 1 }]);
      expect(store.state('ws-sweep', 'general', 'ada', hash)).toEqual({ received: 0, complete: false });
    } finally {
      await sweep.stop();
    }
  });
});

const skip = typeof services === 'string';

describe.skipIf(skip)(`abandoned uploads in S3 with several nodes${skip ? ` (skipped: ${services})` : ''}`, () => {
  it('one node does not delete an upload another node is receiving; once abandoned, it goes with its reservation', async () => {
    const s3 = await startTestS3();
    const limits = { maxBlobBytesPerWorkspace: 150_000 };
    const nodeDir = makeTempDir('qwanyx-sweep-node-');
    const node = await startClusterNode(services as ClusterServices, nodeDir, { ...s3.settings(), limits });
    // A second node's store: the same bucket, the same PostgreSQL ledger.
    const other = await openBlobStore(parseRelayConfig({ dev: true, dataDir: makeTempDir('qwanyx-sweep-other-'), ...s3.settings(), limits }), { databaseUrl: (services as ClusterServices).databaseUrl });
    try {
      const { ws, auth } = await workspaceOn(node);
      const api = blobApi(node, ws, auth);
      const [a, b] = [randomBytes(100_000), randomBytes(100_000)];
      expect(await (await api.post(sha256(a), 0, a.length, a.subarray(0, 40_000))).json()).toEqual({ received: 40_000, complete: false });
      // a is reserved at its full size: b does not fit.
      expect((await api.post(sha256(b), 0, b.length, b)).status).toBe(413);

      // The node receives the next chunk of a (its lease taken, bytes spooled); the other node sweeps with every upload old enough.
      const chunk = api.open(sha256(a), 40_000, a.length);
      chunk.send(a.subarray(40_000, 45_000));
      const spool = path.join(nodeDir, 'blob-spool');
      await expect.poll(() => (fs.existsSync(spool) ? fs.readdirSync(spool).length : 0), { timeout: 5000 }).toBe(1);
      expect(await other.sweepPartial(Date.now() + HOUR)).toEqual({ uploads: 0, bytes: 0 });
      expect(await s3KeysUnder(s3, `relay/${ws}/partial/`)).toHaveLength(1);
      const answer = await chunk.end(a.subarray(45_000, 50_000));
      expect({ status: answer.status, body: JSON.parse(answer.body) as unknown }).toEqual({ status: 200, body: { received: 50_000, complete: false } });

      // Nobody sends the rest: the sweep deletes its pieces and gives its reservation back.
      expect(await other.sweepPartial(Date.now() + HOUR)).toEqual({ uploads: 1, bytes: 50_000 });
      expect(await s3KeysUnder(s3, `relay/${ws}/partial/`)).toEqual([]);
      expect(await api.received(sha256(a))).toBe(0);
      expect(await (await api.post(sha256(b), 0, b.length, b)).json()).toEqual({ received: 100_000, complete: true });
    } finally {
      await other.close();
      await node.close();
    }
  });
});
