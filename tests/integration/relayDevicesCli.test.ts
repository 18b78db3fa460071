/**
 * Devices from the command line against a real relay: `qwanyx relay devices`
 * lists the devices of this device's accounts, `relay devices revoke <id>`
 * revokes another one (its token stops working there), and `relay logout`
 * revokes this device on the relay before forgetting its token, or says the
 * relay could not be reached.
 */
import { describe, expect, it } from 'vitest';
import type { RelayDevice } from '../../src-main/common/contract';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { runCliInProcess, type CliRun } from '../fixtures/runCliInProcess';
import { FAST_SYNC, startRestartableRelay, type RestartableRelay } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';

interface Device {
  dataDir: string;
  secrets: MemorySecretStore;
}

function device(): Device {
  return { dataDir: makeTempDir('qwanyx-cli-devices-'), secrets: new MemorySecretStore() };
}

function cli(on: Device, argv: string[]): Promise<CliRun> {
  return runCliInProcess(on.dataDir, argv, { secretStore: on.secrets, sync: FAST_SYNC });
}

async function login(relay: RestartableRelay, on: Device, email: string): Promise<void> {
  const run = await runCliInProcess(on.dataDir, ['relay', 'login', relay.url, email], {
    secretStore: on.secrets,
    sync: FAST_SYNC,
    stdin: { isTTY: false, readLine: () => Promise.resolve(relay.current().lastCode(email)) },
  });
  expect(run.code, run.err.join('\n')).toBe(0);
}

async function devices(on: Device): Promise<RelayDevice[]> {
  const run = await cli(on, ['relay', 'devices', '--json']);
  expect(run.code, run.err.join('\n')).toBe(0);
  return JSON.parse(run.out[0]!) as RelayDevice[];
}

describe('qwanyx relay devices', () => {
  it('lists, revokes another device, and signs out by revoking this one on the relay', async () => {
    const relay = await startRestartableRelay();
    const laptop = device();
    const phone = device();
    const tablet = device();
    await login(relay, laptop, 'ada@example.com');
    await login(relay, phone, 'ada@example.com');
    await login(relay, tablet, 'ada@example.com');

    const seen = await devices(laptop);
    expect(seen).toHaveLength(3);
    expect(seen.filter((d) => d.current)).toHaveLength(1);
    expect(seen.every((d) => d.relayUrl === relay.url)).toBe(true);
    const text = await cli(laptop, ['relay', 'devices']);
    expect(text.out.filter((line) => line.endsWith('(this device)'))).toHaveLength(1);
    const phoneId = (await devices(phone)).find((d) => d.current)!.id;

    const revoked = await cli(laptop, ['relay', 'devices', 'revoke', phoneId]);
    expect(revoked.code, revoked.err.join('\n')).toBe(0);
    expect(revoked.out[0]).toMatch(/^Revoked .* on http:\/\/127\.0\.0\.1:\d+$/);
    expect((await devices(laptop)).map((d) => d.id)).not.toContain(phoneId);
    const refused = await cli(phone, ['relay', 'devices']);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('revoked or expired');
    expect((await cli(laptop, ['relay', 'devices', 'revoke', 'no-such-device'])).code).toBe(2);
    expect((await cli(laptop, ['relay', 'devices', 'forget', phoneId])).code).toBe(2);

    const out = await cli(laptop, ['relay', 'logout', relay.url]);
    expect(out.out).toEqual([`Signed out of ${relay.url}; this device's token is revoked on the relay`]);
    expect((await devices(tablet)).map((d) => d.current)).toEqual([true]);

    // The relay is down: the token is forgotten here all the same, and the message says what is left to do.
    await relay.stop();
    const offline = await cli(tablet, ['relay', 'logout', relay.url]);
    expect(offline.code, offline.err.join('\n')).toBe(0);
    expect(offline.out[0]).toContain('the relay could not be reached');
    expect((await cli(tablet, ['relay', 'list'])).out).toEqual(['Not signed in to any relay.']);
  });

  it('takes plain http:// and ws:// relay addresses only for this computer', async () => {
    const on = device();
    for (const url of ['http://relay.example.com', 'ws://relay.example.com:4455', 'http://10.0.0.5:4455']) {
      const run = await cli(on, ['relay', 'login', url, 'ada@example.com', '--code', '12345678']);
      expect(run.code, url).toBe(1);
      expect(run.err.join('\n')).toMatch(/must use https:\/\/ \(plain (http|ws):\/\/ is only for this computer: localhost, 127\.0\.0\.1, ::1\)/);
    }
    const linked = await cli(on, ['workspace', 'link', 'ws-aaaaaaaaaa', '--relay', 'http://relay.example.com']);
    expect(linked.code).toBe(1);
    expect(linked.err.join('\n')).toContain('relay.example.com must use https://');
  });
});
