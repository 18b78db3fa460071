/**
 * The S3 client of the relay's blob bucket (blobS3Config.ts): only the
 * checksums every S3-compatible server knows (the SDK's newer default
 * trailers are refused by several), short connection timeouts, three tries.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { BlobS3Settings } from './blobS3Config';

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

