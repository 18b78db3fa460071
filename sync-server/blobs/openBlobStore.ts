/**
 * Picks where the relay keeps uploaded files, once at start: its own disk
 * (`<dataDir>/blobs`, DiskBlobStore.ts) unless `RELAY_BLOB_S3_BUCKET` names
 * an S3-compatible bucket (S3BlobStore.ts). With a bucket, the quota ledger
 * is in memory on one node and in PostgreSQL when the relay is one node of
 * several (RELAY_DATABASE_URL), so every node counts the same bytes. A
 * bucket that does not answer at start stops the relay with a one-line
 * reason naming the setting, as PostgreSQL and Redis do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { ClusterConfig } from '../cluster/clusterConfig';
import { oneLine } from '../cluster/openDocBackends';
import type { RelayConfig } from '../config';
import { ConfigError } from '../RelayError';
import { openPgPool } from '../storage/openPgPool';
import { MemoryBlobLedger, type BlobLedger } from './BlobLedger';
import { blobS3Settings, type BlobS3Settings } from './blobS3Config';
import type { BlobStore } from './BlobStore';
import { DiskBlobStore } from './DiskBlobStore';
import { PgBlobLedger } from './PgBlobLedger';
import { S3BlobStore } from './S3BlobStore';

/** The S3 client of `settings`: only the checksums every S3-compatible server knows, short connection timeouts. */
export function createS3Client(settings: BlobS3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
}

export async function openBlobStore(config: RelayConfig, cluster: Pick<ClusterConfig, 'databaseUrl'>): Promise<BlobStore> {
  const quota = config.limits.maxBlobBytesPerWorkspace;
  const settings = blobS3Settings(config);
  if (!settings) return new DiskBlobStore(path.join(config.dataDir, 'blobs'), quota);
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
    try {
      ledger = await PgBlobLedger.open(await openPgPool(cluster.databaseUrl, 2, 'qwanyx-relay-blobs'));
    } catch (err) {
      client.destroy();
      throw new ConfigError(`RELAY_DATABASE_URL: PostgreSQL cannot keep the file quotas (${oneLine(err)})`);
    }
  } else ledger = new MemoryBlobLedger((workspaceId) => store.scan(workspaceId));
  // Chunks half-received when the relay stopped are of no use: their clients resume from what the bucket holds.
  const spoolDir = path.join(config.dataDir, 'blob-spool');
  fs.rmSync(spoolDir, { recursive: true, force: true });
  const store: S3BlobStore = new S3BlobStore({ client, settings, ledger, quotaBytes: quota, spoolDir });
  return store;
}
