/**
 * Port for secrets (API keys, device and relay tokens, OAuth tokens).
 *
 * Entries are namespaced: a workspace's secrets live under its id, so a tool
 * of one workspace never reads another's, and deleting a workspace removes
 * its whole namespace. Secrets only ever live in the OS keychain; the
 * in-memory adapter exists for unit tests.
 */
import type { KeychainStatus } from '../common/contract';
import { ValidationError } from '../common/AppError';

export interface SecretStore {
  /** Which backend this is and whether it can store secrets now. */
  status(): Promise<KeychainStatus>;
  get(namespace: string, key: string): Promise<string | null>;
  set(namespace: string, key: string, value: string): Promise<void>;
  /** Returns true when something was deleted. */
  delete(namespace: string, key: string): Promise<boolean>;
  /** Keys stored under `namespace`. */
  keys(namespace: string): Promise<string[]>;
  /** Deletes every entry of `namespace`; returns how many. */
  deleteNamespace(namespace: string): Promise<number>;
}

const PART = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** Validates a namespace or key so it can be embedded in keychain service names. */
export function assertSecretName(kind: 'namespace' | 'key', value: string): void {
  if (!PART.test(value)) throw new ValidationError(`Invalid secret ${kind}: ${JSON.stringify(value.slice(0, 40))}`);
}
