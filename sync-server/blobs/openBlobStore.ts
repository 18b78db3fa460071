/**
 * Picks where the relay keeps uploaded files, once at start: its own disk
 * (`<dataDir>/blobs`, DiskBlobStore.ts) unless `RELAY_BLOB_S3_BUCKET` names
 * an S3-compatible bucket (S3BlobStore.ts). With a bucket, the quota ledger
 * is in memory on one node and in PostgreSQL when the relay is one node of
 * several (RELAY_DATABASE_URL), so every node counts the same bytes. A
 * bucket that does not answer at start stops the relay with a one-line
 * reason naming the setting, as PostgreSQL and Redis do. The S3 SDK is
 * loaded only then: a relay on its disk does not pay for it at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ClusterConfig } from '../cluster/clusterConfig';
import { oneLine } from '../cluster/openDocBackends';
import type { RelayConfig } from '../config';
import { ConfigError } from '../RelayError';
import { openPgPool } from '../storage/openPgPool';
import { MemoryBlobLedger, type BlobLedger } from './BlobLedger';
import { blobS3Settings } from './blobS3Config';
import type { BlobStore } from './BlobStore';
import { DiskBlobStore } from './DiskBlobStore';

export async function openBlobStore(config: RelayConfig, cluster: Pick<ClusterConfig, 'databaseUrl'>): Promise<BlobStore> {
  const quota = config.limits.maxBlobBytesPerWorkspace;
  const settings = blobS3Settings(config);
  if (!settings) return new DiskBlobStore(path.join(config.dataDir, 'blobs'), quota);
  const [{ HeadBucketCommand }, { createS3Client }, { S3BlobStore }, { PgBlobLedger }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('./createS3Client'),
    import('./S3BlobStore'),
    import('./PgBlobLedger'),
  ]);
  const client = createS3Client(settings);
  try {
    await client.send(new HeadBucketCommand({ Bucket: settings.bucket }), { abortSignal: AbortSignal.timeout(15_000) });
  } catch (err) {
    client.destroy();
    const where = settings.endpoint ?? `AWS S3 (${settings.region})`;
    throw new ConfigError(`RELAY_BLOB_S3_BUCKET: the bucket ${settings.bucket} at ${where} cannot be used (${oneLine(err)}); check that it exists and the endpoint, region and keys`);
  }
  let ledger: BlobLedger;
  if (cluster.databaseUrl !== undefined) {
    let pool: Awaited<ReturnType<typeof openPgPool>> | null = null;
    try {
      pool = await openPgPool(cluster.databaseUrl, 2, 'qwanyx-relay-blobs');
      ledger = await PgBlobLedger.open(pool);
    } catch (err) {
      await pool?.end().catch(() => undefined);
      client.destroy();
      throw new ConfigError(`RELAY_DATABASE_URL: PostgreSQL cannot keep the file quotas (${oneLine(err)})`);
    }
  } else ledger = new MemoryBlobLedger((workspaceId) => store.scan(workspaceId));
  // Chunks half-received when the relay stopped are of no use: their clients resume from what the bucket holds.
  const spoolDir = path.join(config.dataDir, 'blob-spool');
  fs.rmSync(spoolDir, { recursive: true, force: true });
  const store = new S3BlobStore({ client, settings, ledger, quotaBytes: quota, spoolDir });
  return store;
}
