/**
 * The relay's configuration: one zod schema with defaults, parsed once at
 * start-up. `startRelay` takes the input shape (everything optional but the
 * data dir), `readRelayConfigInput` builds it from the environment and flags.
 * A bad value stops the relay with a one-line reason naming the setting.
 */
import path from 'node:path';
import { z } from 'zod';
import { blobS3ConfigShape, checkBlobS3Config } from './blobs/blobS3Config';
import { ConfigError } from './RelayError';

const KiB = 1024;
const MiB = 1024 * KiB;

function int(min: number, max: number, fallback: number): z.ZodDefault<z.ZodNumber> {
  return z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);
}

/** Limits of the WebSocket and HTTP sides; each has a `RELAY_*` variable (see docs/relay-api.md). */
export const relayLimitsSchema = z
  .object({
    /** Largest WebSocket frame accepted (bigger frames close with 4413). */
    maxFrameBytes: int(1 * KiB, 256 * MiB, 1 * MiB),
    /**
     * Largest stored size of one doc (snapshot + log); an update going over it closes with 4413.
     * Owners and admins may go to twice this, so a member who fills a doc does not lock them out.
     */
    maxDocBytes: int(1 * KiB, 4096 * MiB, 64 * MiB),
    /** Sockets one user may have open at once, every workspace and device together (the client opens one per synced doc); more close with 4430. */
    maxSocketsPerUser: int(1, 1_000_000, 1024),
    /** Docs one workspace may have (written at least once); writing a new one past it closes with 4431. */
    maxDocsPerWorkspace: int(1, 10_000_000, 10_000),
    /** Bytes one user's updates may add to one workspace (never given back); past it, that user's writes close with 4432. */
    maxWriterBytes: int(1 * KiB, 1024 * 1024 * MiB, 1024 * MiB),
    /** Bytes every writer of one workspace may add together; past it, writes close with 4432. */
    maxWorkspaceBytes: int(1 * KiB, 1024 * 1024 * MiB, 16 * 1024 * MiB),
    /** Largest awareness update. */
    maxAwarenessBytes: int(64, 16 * MiB, 64 * KiB),
    /** Awareness messages per connection per second (a burst of as many is allowed). */
    awarenessPerSec: int(1, 10_000, 30),
    /** Connections accepted but not yet authenticated; more are refused with HTTP 503. */
    maxPendingAuth: int(1, 1_000_000, 1000),
    /** Largest HTTP request body. */
    maxBodyBytes: int(1 * KiB, 16 * MiB, 64 * KiB),
    /** Bytes of attached files one workspace may keep on the relay (each file counted once); past it, uploads are refused with 413. */
    maxBlobBytesPerWorkspace: int(0, 1024 * 1024 * MiB, 10 * 1024 * MiB),
    /** One-time codes asked per email per rate window. */
    codesPerEmail: int(1, 1_000_000, 5),
    /** One-time codes asked per client IP per rate window. */
    codesPerIp: int(1, 1_000_000, 30),
    /** Code verifications per client IP per rate window. */
    verifyPerIp: int(1, 1_000_000, 60),
    /** Wrong codes one email may get per UTC day; past it, checks for that email are refused until the next day. */
    failedChecksPerEmail: int(1, 1_000_000, 10),
    /** Wrong codes one client IP may send per UTC day; past it, its checks are refused until the next day. */
    failedChecksPerIp: int(1, 1_000_000, 100),
    /** Length of the rate-limit window, in seconds. */
    rateWindowSeconds: int(1, 86_400, 900),
  })
  .strict();

/** Everything the relay reads at start-up. */
export const relayConfigSchema = z
  .object({
    port: int(0, 65535, 4455),
    host: z.string().min(1, 'must not be empty').default('0.0.0.0'),
    dataDir: z.string().min(1, 'must not be empty').default('./relay-data'),
    /** HMAC key of WebSocket tokens; generated and kept in `<dataDir>/dev-secret` in dev mode when unset. */
    secret: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Dev mode: a secret is generated when none is given, codes are printed to the log without SMTP, /metrics is open without a token. */
    dev: z.boolean().default(false),
    /** Base URL shown in invitation emails; default `http://localhost:<port>`. */
    publicUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** `smtp(s)://user:pass@host:port` for one-time codes; required unless `dev` (in dev mode, unset → codes go to the log). */
    smtpUrl: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    smtpFrom: z.string().min(3, 'must be an email address').optional(),
    /**
     * Reverse proxies you run in front of the relay. The client IP is the right-most
     * `X-Forwarded-For` hop that is not one of them; 0 ignores the header.
     */
    trustedProxies: int(0, 16, 0),
    /** Bearer token `GET /metrics` requires; without it, /metrics is refused unless `dev`. */
    metricsToken: z.string().min(16, 'must be at least 16 characters').max(512, 'must be at most 512 characters').optional(),
    /** A device token unused this long expires; every use pushes the expiry this far again. */
    deviceTtlSeconds: int(1, 365 * 86_400, 30 * 86_400),
    /** Lifetime of WebSocket tokens. */
    tokenTtlSeconds: int(30, 900, 900),
    /** How long a doc stays in memory after its last client left. */
    docGraceMs: int(0, 3_600_000, 10_000),
    /** Compact a loaded doc once this many updates are in its log. */
    compactEvery: int(10, 10_000_000, 500),
    /** A message goes to every client at least this often (stock clients drop a relay silent for 30 s). */
    keepaliveMs: int(100, 25_000, 15_000),
    /** Check every update against its doc's write policy (sync-server/policy/docPolicies.ts); off only to measure what the checks cost. */
    enforcePolicies: z.boolean().default(true),
    logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    limits: relayLimitsSchema.default(relayLimitsSchema.parse({})),
    /** An upload nothing was written to for this many hours is abandoned: deleted with what it held of the quota (blobs/sweepPartialUploads.ts). */
    blobPartialMaxAgeHours: int(1, 8760, 24),
    /** Optional S3-compatible storage of uploaded files (blobs/blobS3Config.ts); unset, they stay in `<dataDir>/blobs`. */
    ...blobS3ConfigShape,
  })
  .strict()
  .superRefine((config, ctx) => {
    if (!config.dev && config.secret === undefined) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'is required (at least 32 characters) unless the relay runs with --dev' });
    }
    if (!config.dev && config.smtpUrl === undefined) {
      ctx.addIssue({ code: 'custom', path: ['smtpUrl'], message: 'is required (the relay mails sign-in codes) unless the relay runs with --dev' });
    }
    if (config.smtpUrl !== undefined && config.smtpFrom === undefined) {
      ctx.addIssue({ code: 'custom', path: ['smtpFrom'], message: 'is required when an SMTP URL is set' });
    }
    checkBlobS3Config(config, ctx);
  });

/** What `startRelay` accepts: the schema's input, every field optional. */
export type RelayConfigInput = z.input<typeof relayConfigSchema>;
/** The parsed configuration, defaults filled in and the data dir absolute. */
export type RelayConfig = z.output<typeof relayConfigSchema>;
/** The parsed limits. */
export type RelayLimits = z.output<typeof relayLimitsSchema>;

/**
 * Parses `input`; throws a `ConfigError` whose message is one line naming the
 * first bad setting, via `nameOf` (e.g. `limits.maxFrameBytes` → `RELAY_MAX_FRAME_BYTES`).
 */
export function parseRelayConfig(input: RelayConfigInput, nameOf: (key: string) => string = (key) => key): RelayConfig {
  const parsed = relayConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue ? issue.path.join('.') : '';
    const message = issue?.code === 'unrecognized_keys' ? `unknown setting ${issue.keys.join(', ')}` : `${nameOf(key)} ${issue?.message ?? 'is invalid'}`;
    throw new ConfigError(`invalid relay configuration: ${message.replace(/\s+/g, ' ')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
