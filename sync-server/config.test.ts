import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRelayConfig } from './config';
import { readRelayConfigInput, relaySettingName } from './readRelayConfigInput';
import { ConfigError } from './RelayError';

function parseEnv(env: Record<string, string>, flags = {}): ReturnType<typeof parseRelayConfig> {
  return parseRelayConfig(readRelayConfigInput(env, flags), relaySettingName);
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

describe('relay config', () => {
  it('fills in the documented defaults', () => {
    const config = parseEnv({ RELAY_DEV: '1' });
    expect(config).toMatchObject({ port: 4455, host: '0.0.0.0', dev: true, tokenTtlSeconds: 900, keepaliveMs: 15_000 });
    expect(config.dataDir).toBe(path.resolve('./relay-data'));
    expect(config.limits).toMatchObject({ maxFrameBytes: 1024 * 1024, maxDocBytes: 64 * 1024 * 1024, maxAwarenessBytes: 64 * 1024, awarenessPerSec: 30, maxPendingAuth: 1000 });
  });

  it('reads every RELAY_* variable and lets flags win', () => {
    const config = parseEnv(
      {
        RELAY_PORT: '5000',
        RELAY_SECRET: 's'.repeat(32),
        RELAY_SMTP_URL: 'smtp://mail.example.com',
        RELAY_SMTP_FROM: 'relay@example.com',
        RELAY_MAX_FRAME_BYTES: '2048',
        RELAY_TRUSTED_PROXIES: '2',
        RELAY_METRICS_TOKEN: 'm'.repeat(20),
        RELAY_DEVICE_TTL_SECONDS: '86400',
        RELAY_FAILED_CHECKS_PER_EMAIL: '7',
        RELAY_DATA_DIR: '/tmp/x',
      },
      { port: '6000', dataDir: '/tmp/y' },
    );
    expect(config).toMatchObject({
      port: 6000,
      secret: 's'.repeat(32),
      trustedProxies: 2,
      metricsToken: 'm'.repeat(20),
      deviceTtlSeconds: 86_400,
      dataDir: '/tmp/y',
      limits: { maxFrameBytes: 2048, failedChecksPerEmail: 7 },
    });
  });

  it('stops on a bad value with one line naming the variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ RELAY_PORT: 'abc' }, 'RELAY_PORT must be a whole number, got "abc"'],
      [{ RELAY_PORT: '70000', RELAY_DEV: '1' }, 'RELAY_PORT must be at most 65535'],
      [{}, 'RELAY_SECRET is required'],
      [{ RELAY_SECRET: 'short' }, 'RELAY_SECRET must be at least 32 characters'],
      [{ RELAY_SECRET: 's'.repeat(32) }, 'RELAY_SMTP_URL is required (the relay mails sign-in codes) unless the relay runs with --dev'],
      [{ RELAY_DEV: '1', RELAY_METRICS_TOKEN: 'short' }, 'RELAY_METRICS_TOKEN must be at least 16 characters'],
      [{ RELAY_DEV: '1', RELAY_TRUSTED_PROXIES: '99' }, 'RELAY_TRUSTED_PROXIES must be at most 16'],
      [{ RELAY_DEV: 'maybe' }, 'RELAY_DEV must be true or false'],
      [{ RELAY_DEV: '1', RELAY_SMTP_URL: 'http://mail.example.com' }, 'RELAY_SMTP_URL must be an smtp:// or smtps:// URL'],
      [{ RELAY_DEV: '1', RELAY_SMTP_URL: 'smtp://mail.example.com' }, 'RELAY_SMTP_FROM is required when an SMTP URL is set'],
      [{ RELAY_DEV: '1', RELAY_PUBLIC_URL: 'ftp://relay.example.com' }, 'RELAY_PUBLIC_URL must be an http:// or https:// URL'],
      [{ RELAY_DEV: '1', RELAY_AWARENESS_PER_SEC: '0' }, 'RELAY_AWARENESS_PER_SEC must be at least 1'],
      [{ RELAY_DEV: '1', RELAY_LOG_LEVEL: 'loud' }, 'RELAY_LOG_LEVEL'],
    ];
    for (const [env, expected] of cases) {
      const message = messageOf(() => parseEnv(env));
      expect(message).toContain(expected);
      expect(message).not.toContain('\n');
    }
  });

  it('refuses unknown settings given programmatically', () => {
    expect(messageOf(() => parseRelayConfig({ dev: true, portt: 1 } as never))).toContain('unknown setting portt');
  });
});
