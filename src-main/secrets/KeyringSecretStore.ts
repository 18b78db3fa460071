/**
 * SecretStore over the OS keychain (macOS Keychain, Windows Credential
 * Manager, Secret Service on Linux) through @napi-rs/keyring.
 *
 * An entry is stored under service `qwanyx/<namespace>` and account `<key>`;
 * a test run moves every entry under a test-only prefix instead
 * (keychainServicePrefix).
 * On Linux the entry is pinned to the Secret Service: the kernel keyring
 * would forget everything at reboot, and we would rather say that no
 * keychain is available than pretend.
 */
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import type { KeychainStatus } from '../common/contract';
import { AppError, KeychainUnavailableError } from '../common/AppError';
import { keychainServicePrefix } from './keychainServicePrefix';
import { assertSecretName, type SecretStore } from './SecretStore';

const entryOptions = process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class KeyringSecretStore implements SecretStore {
  private cachedStatus: KeychainStatus | null = null;

  /** `servicePrefix` defaults to `qwanyx/`, or the test-only prefix of `QWANYX_KEYCHAIN_SERVICE`. */
  constructor(private readonly servicePrefix: string = keychainServicePrefix()) {}

  /** Probes the keychain once with a write, read and delete of a throwaway entry. */
  async status(): Promise<KeychainStatus> {
    if (this.cachedStatus?.available) return this.cachedStatus;
    const backend = process.platform === 'linux' ? 'secret-service' : process.platform === 'darwin' ? 'macos-keychain' : 'windows-credential-manager';
    try {
      // Building the entry already connects to the store, and throws when there is none.
      const probe = new AsyncEntry(`${this.servicePrefix}probe`, `probe-${process.pid}`, entryOptions);
      await probe.setPassword('ok');
      const read = await probe.getPassword();
      await probe.deleteCredential();
      if (read !== 'ok') throw new Error('the keychain did not return what was written');
      this.cachedStatus = { available: true, backend, reason: null };
    } catch (err) {
      this.cachedStatus = { available: false, backend, reason: describe(err) };
    }
    return this.cachedStatus;
  }

  async get(namespace: string, key: string): Promise<string | null> {
    return this.run(() => this.entry(namespace, key).getPassword());
  }

  async set(namespace: string, key: string, value: string): Promise<void> {
    await this.run(() => this.entry(namespace, key).setPassword(value));
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    return this.run(() => this.entry(namespace, key).deleteCredential());
  }

  async keys(namespace: string): Promise<string[]> {
    assertSecretName('namespace', namespace);
    const found = await this.run(() => findCredentialsAsync(this.servicePrefix + namespace));
    return found.map((c) => c.account).sort();
  }

  async deleteNamespace(namespace: string): Promise<number> {
    const keys = await this.keys(namespace);
    let deleted = 0;
    for (const key of keys) if (await this.delete(namespace, key)) deleted += 1;
    return deleted;
  }

  private entry(namespace: string, key: string): AsyncEntry {
    assertSecretName('namespace', namespace);
    assertSecretName('key', key);
    return new AsyncEntry(this.servicePrefix + namespace, key, entryOptions);
  }

  private async run<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.cachedStatus = null;
      throw new KeychainUnavailableError(`The OS keychain could not be used: ${describe(err)}`, { cause: err });
    }
  }
}
