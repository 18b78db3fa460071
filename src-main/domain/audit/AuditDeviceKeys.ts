/**
 * This device's audit signing keys, one per workspace: an Ed25519 private
 * key kept only in the OS keychain (namespace = the workspace id, so
 * deleting the workspace deletes it), never in SQLite, never synced; its
 * public half is published in the workspace's `audit` doc (`devices`).
 *
 * A key speaks for one user: when the user this device writes as changes
 * (a local workspace linked to a relay account), a new device id and key
 * start a new chain. Loading a key is asynchronous (the keychain) while
 * recording an entry is not (it is durable when it returns): keys are
 * loaded when the workspace opens, and an entry recorded before that
 * finished, or on a machine without a keychain, gets a new key made on the
 * spot (saved in the background when a keychain exists). A new key only
 * starts a new chain; no chain is ever broken by it.
 */
import { KeychainUnavailableError } from '../../common/AppError';
import type { Logger } from '../../common/Logger';
import type { SecretStore } from '../../secrets/SecretStore';
import { deviceKeyFromSecret, generateDeviceKey, type DeviceKeyPair } from './auditChain';

/** Keychain key of the signing key, in the workspace's namespace. */
export const AUDIT_KEY_SECRET = 'audit-signing-key';

/** What this device signs one workspace's entries with. */
export interface AuditSigner {
  device: string;
  user: string;
  pair: DeviceKeyPair;
}

interface StoredKey {
  v: 1;
  device: string;
  user: string;
  publicKey: string;
  secret: string;
}

function readStored(raw: string): StoredKey | null {
  try {
    const v = JSON.parse(raw) as Partial<StoredKey>;
    if (v.v !== 1 || typeof v.device !== 'string' || typeof v.user !== 'string' || typeof v.publicKey !== 'string' || typeof v.secret !== 'string') return null;
    return v as StoredKey;
  } catch {
    // Not JSON: not a key this build wrote.
    return null;
  }
}

export interface AuditDeviceKeysDeps {
  secrets: SecretStore;
  newId: () => string;
  log: Logger;
}

export class AuditDeviceKeys {
  private readonly signers = new Map<string, AuditSigner>();
  private readonly loads = new Map<string, Promise<void>>();
  private readonly saves = new Set<Promise<void>>();

  constructor(private readonly deps: AuditDeviceKeysDeps) {}

  /** Loads the key of `workspaceId` from the keychain (once); never rejects. */
  load(workspaceId: string): Promise<void> {
    const existing = this.loads.get(workspaceId);
    if (existing) return existing;
    const loading = this.read(workspaceId);
    this.loads.set(workspaceId, loading);
    return loading;
  }

  private async read(workspaceId: string): Promise<void> {
    try {
      const raw = await this.deps.secrets.get(workspaceId, AUDIT_KEY_SECRET);
      const stored = raw === null ? null : readStored(raw);
      if (raw !== null && !stored) this.deps.log('warn', `the audit signing key of workspace ${workspaceId} in the keychain is unreadable; a new one will be made`);
      // A key made while this one loaded is newer: keep it.
      if (!stored || this.signers.has(workspaceId)) return;
      this.signers.set(workspaceId, { device: stored.device, user: stored.user, pair: deviceKeyFromSecret(stored.secret, stored.publicKey) });
    } catch (err) {
      // No keychain on this machine is said where keys are written (signer); reading says it only when looking for trouble.
      this.deps.log(err instanceof KeychainUnavailableError ? 'debug' : 'warn', `the audit signing key of workspace ${workspaceId} could not be read; a new one will be made`, err);
    }
  }

  /** The signer of `user` in `workspaceId`: the loaded key, or a new one. */
  signer(workspaceId: string, user: string): AuditSigner {
    const current = this.signers.get(workspaceId);
    if (current?.user === user) return current;
    const signer: AuditSigner = { device: this.deps.newId(), user, pair: generateDeviceKey() };
    this.signers.set(workspaceId, signer);
    const stored: StoredKey = { v: 1, device: signer.device, user, publicKey: signer.pair.publicKey, secret: signer.pair.secret };
    const save = this.deps.secrets
      .set(workspaceId, AUDIT_KEY_SECRET, JSON.stringify(stored))
      .catch((err: unknown) => this.deps.log('warn', `the audit signing key of workspace ${workspaceId} could not be kept in the keychain: this device signs with a new key at its next start`, err))
      .finally(() => this.saves.delete(save));
    this.saves.add(save);
    return signer;
  }

  /** Forgets the workspace's key in memory (closed or deleted workspace). */
  forget(workspaceId: string): void {
    this.signers.delete(workspaceId);
    this.loads.delete(workspaceId);
  }

  /** Waits for keys being saved. */
  async flush(): Promise<void> {
    await Promise.all([...this.saves]);
  }
}
