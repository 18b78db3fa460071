// Runs against the real OS keychain, under the run's test-only service prefix
// (QWANYX_KEYCHAIN_SERVICE, swept at the end by tests/fixtures/keychainGlobalSetup.ts).
// On Linux `npm test` gives it a throwaway, unlocked gnome-keyring on a
// private D-Bus session (scripts/withTestKeyring.ts).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core/createCore';
import { isTestServicePrefix, keychainServicePrefix } from '../../src-main/secrets/keychainServicePrefix';
import { makeTempDir } from '../fixtures/tempDir';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;

const nsA = `ws${randomBytes(6).toString('hex')}`;
const nsB = `ws${randomBytes(6).toString('hex')}`;

afterAll(async () => {
  if (!keychain.available) return;
  await store.deleteNamespace(nsA);
  await store.deleteNamespace(nsB);
});

describe('KeyringSecretStore on the OS keychain', () => {
  it('writes under the test-only service prefix of the run, never the app one', () => {
    expect(isTestServicePrefix(keychainServicePrefix())).toBe(true);
  });

  it('stores, reads, lists and deletes secrets per workspace namespace', async (ctx) => {
    keychain.skipWithout(ctx);
    await store.set(nsA, 'llm-api-key', 'sk-a');
    await store.set(nsA, 'relay-token', 'tok-a');
    await store.set(nsB, 'llm-api-key', 'sk-b');
    expect(await store.get(nsA, 'llm-api-key')).toBe('sk-a');
    expect(await store.get(nsB, 'llm-api-key')).toBe('sk-b');
    expect(await store.keys(nsA)).toEqual(['llm-api-key', 'relay-token']);
    await store.set(nsA, 'llm-api-key', 'sk-a2');
    expect(await store.get(nsA, 'llm-api-key')).toBe('sk-a2');
    expect(await store.delete(nsA, 'relay-token')).toBe(true);
    expect(await store.delete(nsA, 'relay-token')).toBe(false);
    expect(await store.get(nsA, 'relay-token')).toBeNull();
  });

  it('deleting a namespace removes its entries only', async (ctx) => {
    keychain.skipWithout(ctx);
    await store.set(nsA, 'one', '1');
    await store.set(nsA, 'two', '2');
    await store.set(nsB, 'keep', 'k');
    expect(await store.deleteNamespace(nsA)).toBeGreaterThanOrEqual(2);
    expect(await store.keys(nsA)).toEqual([]);
    expect(await store.get(nsB, 'keep')).toBe('k');
  });

  it('refuses names that could collide with another namespace', async () => {
    await expect(store.set('a/b', 'k', 'v')).rejects.toThrow(/Invalid secret namespace/);
    await expect(store.set(nsA, '', 'v')).rejects.toThrow(/Invalid secret key/);
  });

  it('removes a deleted workspace entries from the keychain', async (ctx) => {
    keychain.skipWithout(ctx);
    const core = await createCore({ dataDir: makeTempDir(), secretStore: store, shell: 'cli', log: () => undefined });
    const created = await core.dispatch('workspace.create', { name: 'Keyed', kind: 'team' });
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value as { id: string };
    await store.set(id, 'llm-api-key', 'sk-keyed');
    const deleted = await core.dispatch('workspace.delete', { id, confirmName: 'Keyed' });
    expect(deleted.ok).toBe(true);
    expect(await store.keys(id)).toEqual([]);
    await core.close();
  });

  it('reports an unreachable keychain instead of storing anything in plain text', () => {
    if (process.platform !== 'linux') return;
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/printKeychainStatus.ts'], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/qwanyx-bus' },
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    const { status, write } = JSON.parse(child.stdout) as { status: { available: boolean; reason: string }; write: string };
    expect(status.available).toBe(false);
    expect(status.reason).toBeTruthy();
    expect(write).toMatch(/^KeychainUnavailableError: The OS keychain could not be used/);
  });
});
