/**
 * Files shared by two relay nodes through one S3-compatible bucket (a real
 * S3-protocol server on loopback), each node with its own empty data dir,
 * on the real PostgreSQL and Redis: a file uploaded through one node is
 * downloaded through the other; an upload started on one node resumes on
 * the other (which reads the first chunk back from the bucket to check the
 * hash); the quota, kept in PostgreSQL, counts on each node what the other
 * reserved; erasing the workspace through one node deletes the objects and
 * the counts.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { clusterServices, type ClusterServices } from '../fixtures/clusterServices';
import { startClusterNode, type ClusterNode } from '../fixtures/relayCluster';
import { blobApi, blobWorkspaceOn, s3KeysUnder, sha256 } from '../fixtures/relayBlobCalls';
import { startTestS3, type TestS3 } from '../fixtures/s3Server';
import { makeTempDir } from '../fixtures/tempDir';

const services = await clusterServices();
const skip = typeof services === 'string';

describe.skipIf(skip)(`relay cluster files in S3${skip ? ` (skipped: ${services})` : ''}`, () => {
  const started: ClusterNode[] = [];
  const pair = async (s3: TestS3, limits: Record<string, number> = {}): Promise<[ClusterNode, ClusterNode]> => {
    for (let i = 0; i < 2; i++) started.push(await startClusterNode(services as ClusterServices, makeTempDir('qwanyx-cluster-s3-'), { ...s3.settings(), limits }));
    return [started.at(-2)!, started.at(-1)!];
  };
  const stopAll = async (): Promise<void> => {
    for (const n of started.splice(0)) await n.close();
  };

  const workspaceOn = (node: ClusterNode) => blobWorkspaceOn(node, 'cls3');
  const post = (node: ClusterNode, ws: string, auth: Record<string, string>, hash: string, offset: number, size: number, body: Buffer) =>
    blobApi(node, ws, auth).post(hash, offset, size, body);
  const download = async (node: ClusterNode, ws: string, auth: Record<string, string>, hash: string): Promise<Buffer | number> => {
    const answer = await fetch(`${node.url}/v1/workspaces/${ws}/blobs/${hash}?room=general`, { headers: auth });
    return answer.status === 200 ? Buffer.from(await answer.arrayBuffer()) : answer.status;
  };

  it('serves through one node a file uploaded through the other, and resumes on one node an upload started on the other', async () => {
    const s3 = await startTestS3();
    try {
      const [one, two] = await pair(s3);
      const { ws, auth } = await workspaceOn(one);
      const whole = randomBytes(70_000);
      expect(await (await post(one, ws, auth, sha256(whole), 0, whole.length, whole)).json()).toEqual({ received: 70_000, complete: true });
      expect(await download(two, ws, auth, sha256(whole))).toEqual(whole);

      const split = randomBytes(90_000);
      const hash = sha256(split);
      expect(await (await post(one, ws, auth, hash, 0, split.length, split.subarray(0, 30_000))).json()).toEqual({ received: 30_000, complete: false });
      const where = await fetch(`${two.url}/v1/workspaces/${ws}/blobs/${hash}/upload?room=general`, { headers: auth });
      expect(await where.json()).toMatchObject({ received: 30_000, complete: false, usedBytes: 70_000 });
      // Node two never saw the first chunk: it reads it back from the bucket to check the whole file's hash.
      expect(await (await post(two, ws, auth, hash, 30_000, split.length, split.subarray(30_000))).json()).toEqual({ received: 90_000, complete: true });
      expect(await download(one, ws, auth, hash)).toEqual(split);
      expect(await download(two, ws, auth, hash)).toEqual(split);

      // Bytes that do not match, half through each node, never become a blob.
      const forged = Buffer.concat([split.subarray(0, 30_000), randomBytes(10_000)]);
      const claimed = sha256(randomBytes(8));
      expect((await post(one, ws, auth, claimed, 0, forged.length, forged.subarray(0, 30_000))).status).toBe(200);
      expect((await post(two, ws, auth, claimed, 30_000, forged.length, forged.subarray(30_000))).status).toBe(400);
      expect(await download(one, ws, auth, claimed)).toBe(404);
      expect((await s3KeysUnder(s3, `relay/${ws}/`)).filter((k) => k.includes(claimed))).toEqual([]);
    } finally {
      await stopAll();
    }
  });

  it('holds the quota across nodes (kept in PostgreSQL) and erases the objects and counts of a workspace through either node', async () => {
    const s3 = await startTestS3();
    const db = new pg.Client({ connectionString: (services as ClusterServices).databaseUrl });
    await db.connect();
    try {
      const [one, two] = await pair(s3, { maxBlobBytesPerWorkspace: 150_000 });
      const { ws, auth } = await workspaceOn(one);
      const first = randomBytes(100_000);
      expect((await post(one, ws, auth, sha256(first), 0, first.length, first)).status).toBe(200);
      const reserved = randomBytes(40_000);
      // Under way on node two: reserved at its full size for every node.
      expect((await post(two, ws, auth, sha256(reserved), 0, reserved.length, reserved.subarray(0, 5_000))).status).toBe(200);
      const third = randomBytes(20_000);
      expect((await post(one, ws, auth, sha256(third), 0, third.length, third)).status).toBe(413);
      expect((await post(one, ws, auth, sha256(reserved), 5_000, reserved.length, reserved.subarray(5_000))).status).toBe(200);
      const counted = await db.query<{ bytes: string }>('SELECT sum(bytes) AS bytes FROM relay_blob_bytes WHERE workspace_id = $1', [ws]);
      expect(Number(counted.rows[0]!.bytes)).toBe(140_000);

      const erased = await fetch(`${two.url}/v1/workspaces/${ws}/erase`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'workspace' }) });
      expect(erased.status).toBe(200);
      expect(await s3KeysUnder(s3, `relay/${ws}/`)).toEqual([]);
      expect((await db.query('SELECT 1 FROM relay_blob_bytes WHERE workspace_id = $1', [ws])).rowCount).toBe(0);
    } finally {
      await db.end();
      await stopAll();
    }
  });
});
