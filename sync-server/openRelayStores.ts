/**
 * Opens what the relay keeps on disk under its data dir: `accounts.db`
 * (users, devices, codes, workspaces, members, invitations), `docs.db` (the
 * Yjs log) and, in dev mode without a configured secret, `dev-secret`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RelayConfig } from './config';
import { ConfigError } from './RelayError';
import { AccountStore } from './storage/AccountStore';
import { openRelaySqlite, type RelaySqliteDb } from './storage/openRelaySqlite';
import { ACCOUNT_MIGRATIONS } from './storage/relayMigrations';
import { runRelayMigrations } from './storage/runRelayMigrations';
import { WorkspaceStore } from './storage/WorkspaceStore';

/** The account stores on one open `accounts.db`. */
export interface AccountStores {
  db: RelaySqliteDb;
  accounts: AccountStore;
  workspaces: WorkspaceStore;
}

/** Creates the data dir when missing; throws a one-line `ConfigError` when it cannot. */
export function ensureDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (err) {
    throw new ConfigError(`invalid relay configuration: RELAY_DATA_DIR ${dataDir} is not a writable folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Opens `accounts.db` with its migrations applied. */
export function openAccountStores(dataDir: string): AccountStores {
  const db = openRelaySqlite(path.join(dataDir, 'accounts.db'));
  try {
    runRelayMigrations(db, ACCOUNT_MIGRATIONS, 'accounts');
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, accounts: new AccountStore(db), workspaces: new WorkspaceStore(db) };
}

/** Path of the docs database. */
export function docsDbPath(dataDir: string): string {
  return path.join(dataDir, 'docs.db');
}

/**
 * The configured secret, or in dev mode the one kept in `<dataDir>/dev-secret`
 * (created on first use, mode 0600), so tokens minted by `relay token --dev`
 * work with a dev relay on the same data dir. `generated` says it was just created.
 */
export function resolveSecret(config: RelayConfig): { secret: string; generated: boolean; file: string | null } {
  if (config.secret !== undefined) return { secret: config.secret, generated: false, file: null };
  if (!config.dev) throw new ConfigError('invalid relay configuration: RELAY_SECRET is required (at least 32 characters) unless the relay runs with --dev');
  const file = path.join(config.dataDir, 'dev-secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return { secret: existing, generated: false, file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, generated: true, file };
}
