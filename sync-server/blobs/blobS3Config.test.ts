import { describe, expect, it } from 'vitest';
import { parseRelayConfig } from '../config';
import { readRelayConfigInput, relaySettingName } from '../readRelayConfigInput';
import { ConfigError } from '../RelayError';
import { blobS3Settings } from './blobS3Config';

function parseEnv(env: Record<string, string>): ReturnType<typeof parseRelayConfig> {
  return parseRelayConfig(readRelayConfigInput({ RELAY_DEV: '1', ...env }), relaySettingName);
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('S3 blob storage settings', () => {
  it('keeps files on the disk when no bucket is named', () => {
    expect(blobS3Settings(parseEnv({}))).toBeNull();
  });

  it('reads every RELAY_BLOB_S3_* variable', () => {
    const settings = blobS3Settings(
      parseEnv({
        RELAY_BLOB_S3_BUCKET: 'qwanyx-files',
        RELAY_BLOB_S3_ENDPOINT: 'http://minio.internal:9000',
        RELAY_BLOB_S3_REGION: 'eu-west-3',
        RELAY_BLOB_S3_PREFIX: 'relay/prod/',
        RELAY_BLOB_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        RELAY_BLOB_S3_SECRET_ACCESS_KEY: 'secret-example',
      }),
    );
    expect(settings).toEqual({
      bucket: 'qwanyx-files',
      endpoint: 'http://minio.internal:9000',
      region: 'eu-west-3',
      prefix: 'relay/prod/',
      // An endpoint of its own (MinIO…) wants the bucket in the path unless told otherwise.
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example' },
    });
    expect(blobS3Settings(parseEnv({ RELAY_BLOB_S3_BUCKET: 'qwanyx-files', RELAY_BLOB_S3_ENDPOINT: 'https://r2.example.com', RELAY_BLOB_S3_FORCE_PATH_STYLE: 'false' }))).toMatchObject({ forcePathStyle: false, region: 'us-east-1', prefix: '', credentials: undefined });
    expect(blobS3Settings(parseEnv({ RELAY_BLOB_S3_BUCKET: 'qwanyx-files' }))).toMatchObject({ endpoint: undefined, forcePathStyle: false });
  });

  it('stops on a bad value with one line naming the variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ RELAY_BLOB_S3_BUCKET: 'Bad_Bucket' }, 'RELAY_BLOB_S3_BUCKET must be an S3 bucket name'],
      [{ RELAY_BLOB_S3_ENDPOINT: 'http://minio:9000' }, 'RELAY_BLOB_S3_BUCKET is required when another S3 blob setting is set (RELAY_BLOB_S3_ENDPOINT)'],
      [{ RELAY_BLOB_S3_BUCKET: 'files', RELAY_BLOB_S3_ENDPOINT: 'minio:9000' }, 'RELAY_BLOB_S3_ENDPOINT must be an http:// or https:// URL'],
      [{ RELAY_BLOB_S3_BUCKET: 'files', RELAY_BLOB_S3_REGION: 'EU West' }, 'RELAY_BLOB_S3_REGION must be a region name'],
      [{ RELAY_BLOB_S3_BUCKET: 'files', RELAY_BLOB_S3_PREFIX: '/abs' }, 'RELAY_BLOB_S3_PREFIX must be letters, digits'],
      [{ RELAY_BLOB_S3_BUCKET: 'files', RELAY_BLOB_S3_PREFIX: 'a/../b' }, 'RELAY_BLOB_S3_PREFIX must be letters, digits'],
      [{ RELAY_BLOB_S3_BUCKET: 'files', RELAY_BLOB_S3_FORCE_PATH_STYLE: 'sometimes' }, 'RELAY_BLOB_S3_FORCE_PATH_STYLE must be true or false'],
      [{ RELAY_BLOB_S3_BUCKET: 'files', RELAY_BLOB_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' }, 'RELAY_BLOB_S3_SECRET_ACCESS_KEY is required too: set both S3 keys'],
      [{ RELAY_BLOB_S3_BUCKET: 'files', RELAY_BLOB_S3_SECRET_ACCESS_KEY: 'secret' }, 'RELAY_BLOB_S3_ACCESS_KEY_ID is required too'],
    ];
    for (const [env, expected] of cases) {
      const message = messageOf(() => parseEnv(env));
      expect(message).toContain(expected);
      expect(message).not.toContain('\n');
      // The secret key is never repeated in an error.
      expect(message).not.toContain('secret-example');
    }
  });
});
