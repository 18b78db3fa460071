/**
 * Builds the relay's configuration input from `RELAY_*` environment variables
 * and command-line flags (flags win). Values are converted strictly: a number
 * must be digits only, a boolean `1|0|true|false`; anything else stops the
 * relay with a one-line reason naming the variable.
 */
import { BLOB_S3_ENV } from './blobs/blobS3Config';
import type { RelayConfigInput } from './config';
import { ConfigError } from './RelayError';

type Kind = 'int' | 'string' | 'bool';

interface EnvSetting {
  env: string;
  /** Dotted key in `RelayConfigInput`. */
  key: string;
  kind: Kind;
}

/** Every environment variable the relay reads. */
export const RELAY_ENV: readonly EnvSetting[] = [
  { env: 'RELAY_PORT', key: 'port', kind: 'int' },
  { env: 'RELAY_HOST', key: 'host', kind: 'string' },
  { env: 'RELAY_DATA_DIR', key: 'dataDir', kind: 'string' },
  { env: 'RELAY_SECRET', key: 'secret', kind: 'string' },
  { env: 'RELAY_DEV', key: 'dev', kind: 'bool' },
  { env: 'RELAY_PUBLIC_URL', key: 'publicUrl', kind: 'string' },
  { env: 'RELAY_SMTP_URL', key: 'smtpUrl', kind: 'string' },
  { env: 'RELAY_SMTP_FROM', key: 'smtpFrom', kind: 'string' },
  { env: 'RELAY_TRUSTED_PROXIES', key: 'trustedProxies', kind: 'int' },
  { env: 'RELAY_METRICS_TOKEN', key: 'metricsToken', kind: 'string' },
  { env: 'RELAY_DEVICE_TTL_SECONDS', key: 'deviceTtlSeconds', kind: 'int' },
  { env: 'RELAY_TOKEN_TTL_SECONDS', key: 'tokenTtlSeconds', kind: 'int' },
  { env: 'RELAY_DOC_GRACE_MS', key: 'docGraceMs', kind: 'int' },
  { env: 'RELAY_COMPACT_EVERY', key: 'compactEvery', kind: 'int' },
  { env: 'RELAY_KEEPALIVE_MS', key: 'keepaliveMs', kind: 'int' },
  { env: 'RELAY_LOG_LEVEL', key: 'logLevel', kind: 'string' },
  { env: 'RELAY_MAX_FRAME_BYTES', key: 'limits.maxFrameBytes', kind: 'int' },
  { env: 'RELAY_MAX_DOC_BYTES', key: 'limits.maxDocBytes', kind: 'int' },
  { env: 'RELAY_MAX_AWARENESS_BYTES', key: 'limits.maxAwarenessBytes', kind: 'int' },
  { env: 'RELAY_MAX_SOCKETS_PER_USER', key: 'limits.maxSocketsPerUser', kind: 'int' },
  { env: 'RELAY_MAX_DOCS_PER_WORKSPACE', key: 'limits.maxDocsPerWorkspace', kind: 'int' },
  { env: 'RELAY_MAX_WRITER_BYTES', key: 'limits.maxWriterBytes', kind: 'int' },
  { env: 'RELAY_MAX_WORKSPACE_BYTES', key: 'limits.maxWorkspaceBytes', kind: 'int' },
  { env: 'RELAY_AWARENESS_PER_SEC', key: 'limits.awarenessPerSec', kind: 'int' },
  { env: 'RELAY_MAX_PENDING_AUTH', key: 'limits.maxPendingAuth', kind: 'int' },
  { env: 'RELAY_MAX_BODY_BYTES', key: 'limits.maxBodyBytes', kind: 'int' },
  { env: 'RELAY_MAX_BLOB_BYTES_PER_WORKSPACE', key: 'limits.maxBlobBytesPerWorkspace', kind: 'int' },
  { env: 'RELAY_CODES_PER_EMAIL', key: 'limits.codesPerEmail', kind: 'int' },
  { env: 'RELAY_CODES_PER_IP', key: 'limits.codesPerIp', kind: 'int' },
  { env: 'RELAY_VERIFY_PER_IP', key: 'limits.verifyPerIp', kind: 'int' },
  { env: 'RELAY_RATE_WINDOW_SECONDS', key: 'limits.rateWindowSeconds', kind: 'int' },
  { env: 'RELAY_FAILED_CHECKS_PER_EMAIL', key: 'limits.failedChecksPerEmail', kind: 'int' },
  { env: 'RELAY_FAILED_CHECKS_PER_IP', key: 'limits.failedChecksPerIp', kind: 'int' },
  { env: 'RELAY_BLOB_PARTIAL_MAX_AGE_HOURS', key: 'blobPartialMaxAgeHours', kind: 'int' },
  ...BLOB_S3_ENV,
];

/** Flags of `npm run relay -- [flags]`, mapped onto the same keys. */
export interface RelayFlags {
  dev?: boolean;
  port?: string;
  host?: string;
  dataDir?: string;
}

/** The environment variable (or flag) a config key comes from, for error messages. */
export function relaySettingName(key: string): string {
  return RELAY_ENV.find((s) => s.key === key)?.env ?? key;
}

/** Reads the environment and flags into a config input; throws `ConfigError` on a value of the wrong kind. */
export function readRelayConfigInput(env: NodeJS.ProcessEnv, flags: RelayFlags = {}): RelayConfigInput {
  const input: Record<string, unknown> = {};
  const limits: Record<string, unknown> = {};
  const set = (setting: EnvSetting, raw: string, source: string): void => {
    const value = convert(raw, setting.kind, source);
    const [head, tail] = setting.key.split('.');
    if (tail !== undefined) limits[tail] = value;
    else if (head !== undefined) input[head] = value;
  };
  for (const setting of RELAY_ENV) {
    const raw = env[setting.env];
    if (raw !== undefined && raw !== '') set(setting, raw, setting.env);
  }
  const flagSettings: [keyof RelayFlags, string, string][] = [
    ['port', 'port', '--port'],
    ['host', 'host', '--host'],
    ['dataDir', 'dataDir', '--data-dir'],
  ];
  for (const [flag, key, name] of flagSettings) {
    const raw = flags[flag];
    if (typeof raw === 'string') set(RELAY_ENV.find((s) => s.key === key)!, raw, name);
  }
  if (flags.dev) input.dev = true;
  if (Object.keys(limits).length > 0) input.limits = limits;
  return input as RelayConfigInput;
}

function convert(raw: string, kind: Kind, name: string): string | number | boolean {
  const value = raw.trim();
  if (kind === 'int') {
    if (!/^\d{1,15}$/.test(value)) throw new ConfigError(`invalid relay configuration: ${name} must be a whole number, got ${JSON.stringify(raw)}`);
    return Number(value);
  }
  if (kind === 'bool') {
    if (/^(1|true|yes)$/i.test(value)) return true;
    if (/^(0|false|no)$/i.test(value)) return false;
    throw new ConfigError(`invalid relay configuration: ${name} must be true or false, got ${JSON.stringify(raw)}`);
  }
  return raw;
}
