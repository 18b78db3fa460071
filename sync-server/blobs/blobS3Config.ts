/**
 * Settings of the optional S3-compatible blob storage (AWS S3, MinIO, R2…):
 * with `RELAY_BLOB_S3_BUCKET` set, uploaded files go to that bucket instead
 * of `<dataDir>/blobs`, so several relay nodes serve the same files without a
 * shared folder (S3BlobStore.ts). They are flat keys of the relay's config
 * (config.ts spreads `blobS3ConfigShape` and calls `checkBlobS3Config`), read
 * from the `RELAY_BLOB_S3_*` variables like every other setting.
 */
import { z } from 'zod';

/** Every `blobS3*` key of the relay's config. */
export const blobS3ConfigShape = {
  /** The bucket; set, it turns S3 storage on. */
  blobS3Bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)')
    .optional(),
  /** `https://host[:port]` of an S3-compatible server; unset, AWS S3 of the region. */
  blobS3Endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  blobS3Region: z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be a region name such as us-east-1 (MinIO and R2 accept us-east-1 or auto)').default('us-east-1'),
  /** Folder inside the bucket (`qwanyx/`), so one bucket may hold other things too. */
  blobS3Prefix: z
    .string()
    .max(200, 'must be at most 200 characters')
    .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9/_.-]*$/, 'must be letters, digits and / _ . - (no leading / and no ..)')
    .optional(),
  /** `bucket` in the path (`https://host/bucket/key`, what MinIO wants) instead of the host name; unset, on when an endpoint is set. */
  blobS3ForcePathStyle: z.boolean().optional(),
  /** Credentials; both unset, the SDK's own chain (AWS_* variables, instance role…). */
  blobS3AccessKeyId: z.string().min(1, 'must not be empty').optional(),
  blobS3SecretAccessKey: z.string().min(1, 'must not be empty').optional(),
};

/** The `RELAY_BLOB_S3_*` variables and their keys. */
export const BLOB_S3_ENV = [
  { env: 'RELAY_BLOB_S3_BUCKET', key: 'blobS3Bucket', kind: 'string' },
  { env: 'RELAY_BLOB_S3_ENDPOINT', key: 'blobS3Endpoint', kind: 'string' },
  { env: 'RELAY_BLOB_S3_REGION', key: 'blobS3Region', kind: 'string' },
  { env: 'RELAY_BLOB_S3_PREFIX', key: 'blobS3Prefix', kind: 'string' },
  { env: 'RELAY_BLOB_S3_FORCE_PATH_STYLE', key: 'blobS3ForcePathStyle', kind: 'bool' },
  { env: 'RELAY_BLOB_S3_ACCESS_KEY_ID', key: 'blobS3AccessKeyId', kind: 'string' },
  { env: 'RELAY_BLOB_S3_SECRET_ACCESS_KEY', key: 'blobS3SecretAccessKey', kind: 'string' },
] as const;

type BlobS3Fields = z.output<z.ZodObject<typeof blobS3ConfigShape>>;

/** What S3BlobStore needs, once checked. */
export interface BlobS3Settings {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  /** '' or ends with '/'. */
  prefix: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** The cross-field rules (a bucket for any other S3 setting, both keys or neither). */
export function checkBlobS3Config(config: BlobS3Fields, ctx: z.RefinementCtx): void {
  const others = (['blobS3Endpoint', 'blobS3Prefix', 'blobS3ForcePathStyle', 'blobS3AccessKeyId', 'blobS3SecretAccessKey'] as const).filter((k) => config[k] !== undefined);
  if (config.blobS3Bucket === undefined && others.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['blobS3Bucket'], message: `is required when another S3 blob setting is set (${others.map((k) => BLOB_S3_ENV.find((s) => s.key === k)?.env ?? k).join(', ')}): name the bucket files go to` });
  }
  if ((config.blobS3AccessKeyId === undefined) !== (config.blobS3SecretAccessKey === undefined)) {
    ctx.addIssue({ code: 'custom', path: [config.blobS3AccessKeyId === undefined ? 'blobS3AccessKeyId' : 'blobS3SecretAccessKey'], message: 'is required too: set both S3 keys, or neither to use the SDK chain (AWS_* variables, instance role)' });
  }
}

/** The S3 settings of a parsed config, or null when files stay on the relay's disk. */
export function blobS3Settings(config: BlobS3Fields): BlobS3Settings | null {
  if (config.blobS3Bucket === undefined) return null;
  const prefix = config.blobS3Prefix?.replace(/\/+$/, '') ?? '';
  return {
    bucket: config.blobS3Bucket,
    endpoint: config.blobS3Endpoint,
    region: config.blobS3Region,
    prefix: prefix === '' ? '' : `${prefix}/`,
    forcePathStyle: config.blobS3ForcePathStyle ?? config.blobS3Endpoint !== undefined,
    credentials:
      config.blobS3AccessKeyId !== undefined && config.blobS3SecretAccessKey !== undefined
        ? { accessKeyId: config.blobS3AccessKeyId, secretAccessKey: config.blobS3SecretAccessKey }
        : undefined,
  };
}
