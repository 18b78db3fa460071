/**
 * Start-up of the relay process: without SMTP it refuses to start unless
 * `--dev` (it would have nowhere to send sign-in codes but its log), and a
 * secret it generates in dev mode is never written to its log. With SMTP,
 * no sign-in code reaches the log.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startFakeSmtp } from '../fixtures/relayFakeSmtp';
import { startRelayProcess } from '../fixtures/relayProcess';
import { relayApi } from '../fixtures/relayHttp';
import { makeTempDir } from '../fixtures/tempDir';
import { waitUntil } from '../fixtures/relayHarness';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function runRelay(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RELAY_')));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'sync-server/main.ts'), ...args], { cwd: REPO_ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('relay start-up', () => {
  it('refuses to start without SMTP unless --dev, with one line naming RELAY_SMTP_URL', async () => {
    const { code, stderr } = await runRelay([], { RELAY_DATA_DIR: makeTempDir('qwanyx-relay-nosmtp-'), RELAY_PORT: '0', RELAY_HOST: '127.0.0.1', RELAY_SECRET: 's'.repeat(40) });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(['relay: invalid relay configuration: RELAY_SMTP_URL is required (the relay mails sign-in codes) unless the relay runs with --dev']);
  });

  it('in dev mode, logs where the generated secret is, never the secret', async () => {
    const dataDir = makeTempDir('qwanyx-relay-devsecret-');
    const relay = await startRelayProcess({ dataDir, env: { RELAY_SECRET: '' } });
    try {
      const secret = fs.readFileSync(path.join(dataDir, 'dev-secret'), 'utf8').trim();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      const logs = relay.logs.join('\n');
      expect(logs).toContain('relay.dev_secret');
      expect(logs).not.toContain(secret);
    } finally {
      await relay.stop();
    }
  });

  it('with SMTP and without --dev, mails the code and never logs it', async () => {
    const smtp = await startFakeSmtp();
    const relay = await startRelayProcess({ dataDir: makeTempDir('qwanyx-relay-smtp-'), env: { RELAY_DEV: '', RELAY_SMTP_URL: smtp.url, RELAY_SMTP_FROM: 'relay@example.com', RELAY_LOG_LEVEL: 'debug' } });
    try {
      expect((await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'kai@example.com' } })).status).toBe(202);
      await waitUntil(() => smtp.messages.length === 1, 5000, 'the code mail');
      const code = /sign-in code is (\d{8})/.exec(smtp.messages[0]!.data)?.[1];
      expect(code).toMatch(/^\d{8}$/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(relay.logs.join('\n')).toContain('auth.code_sent');
      expect(relay.logs.join('\n')).not.toContain(code!);
    } finally {
      await relay.stop();
      await smtp.close();
    }
  });
});
