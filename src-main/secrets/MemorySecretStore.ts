/** In-memory SecretStore for unit tests: same contract as the keychain, gone at exit. */
import type { KeychainStatus } from '../common/contract';
import { assertSecretName, type SecretStore } from './SecretStore';

export class MemorySecretStore implements SecretStore {
  private readonly entries = new Map<string, Map<string, string>>();

  async status(): Promise<KeychainStatus> {
    return { available: true, backend: 'memory', reason: null };
  }

  async get(namespace: string, key: string): Promise<string | null> {
    assertSecretName('namespace', namespace);
    assertSecretName('key', key);
    return this.entries.get(namespace)?.get(key) ?? null;
  }

  async set(namespace: string, key: string, value: string): Promise<void> {
    assertSecretName('namespace', namespace);
    assertSecretName('key', key);
    let ns = this.entries.get(namespace);
    if (!ns) this.entries.set(namespace, (ns = new Map()));
    ns.set(key, value);
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    assertSecretName('namespace', namespace);
    assertSecretName('key', key);
    return this.entries.get(namespace)?.delete(key) ?? false;
  }

  async keys(namespace: string): Promise<string[]> {
    assertSecretName('namespace', namespace);
    return [...(this.entries.get(namespace)?.keys() ?? [])].sort();
  }

  async deleteNamespace(namespace: string): Promise<number> {
    assertSecretName('namespace', namespace);
    const n = this.entries.get(namespace)?.size ?? 0;
    this.entries.delete(namespace);
    return n;
  }
}
