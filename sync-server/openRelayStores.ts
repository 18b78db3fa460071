/**
 * Opens what the relay keeps: its accounts (users, devices, codes,
 * workspaces, members, invitations, member ids) in `<dataDir>/accounts.db`
 * and `<dataDir>/member-ids.db`, or in PostgreSQL when `RELAY_DATABASE_URL`
 * is set (every node then shares them); `docs.db` (the Yjs log of one node)
 * and, in dev mode without a configured secret, `dev-secret`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ClusterConfig } from './cluster/clusterConfig';
import { oneLine } from './cluster/openDocBackends';
import type { RelayConfig } from './config';
import { ConfigError } from './RelayError';
import type { AccountStore } from './storage/AccountStore';
import type { MemberIdStore } from './storage/MemberIdStore';
import { accountPoolSize, openPgAccountStores } from './storage/openPgAccountStores';
import { openRelaySqlite } from './storage/openRelaySqlite';
import { ACCOUNT_MIGRATIONS } from './storage/relayMigrations';
import { runRelayMigrations } from './storage/runRelayMigrations';
import { SqliteAccountStore } from './storage/SqliteAccountStore';
import { SqliteMemberIdStore } from './storage/SqliteMemberIdStore';
import { SqliteTxGate } from './storage/SqliteTxGate';
import { SqliteWorkspaceStore } from './storage/SqliteWorkspaceStore';
import type { WorkspaceStore } from './storage/WorkspaceStore';

/** The account stores, on SQLite files or on PostgreSQL. */
export interface AccountStores {
  accounts: AccountStore;
  workspaces: WorkspaceStore;
  memberIds: MemberIdStore;
  backend: 'sqlite' | 'postgres';
  close(): Promise<void>;
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

/**
 * Opens the account stores: on PostgreSQL when `cluster.databaseUrl` is set (its schema migrated;
 * a server that does not answer stops the start with a one-line `ConfigError`), else
 * `accounts.db` and `member-ids.db` in `dataDir` with their migrations applied.
 */
export async function openAccountStores(dataDir: string, cluster: Pick<ClusterConfig, 'databaseUrl' | 'databasePoolSize'>, applicationName = 'qwanyx-relay-accounts'): Promise<AccountStores> {
  if (cluster.databaseUrl !== undefined) {
    try {
      const pg = await openPgAccountStores(cluster.databaseUrl, accountPoolSize(cluster.databasePoolSize), applicationName);
      return { ...pg, backend: 'postgres' };
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new ConfigError(`RELAY_DATABASE_URL: PostgreSQL cannot be used (${oneLine(err)}); check that it runs and the URL, user and database are right`);
    }
  }
  const db = openRelaySqlite(path.join(dataDir, 'accounts.db'));
  let memberIds: SqliteMemberIdStore;
  try {
    runRelayMigrations(db, ACCOUNT_MIGRATIONS, 'accounts');
    memberIds = new SqliteMemberIdStore(path.join(dataDir, 'member-ids.db'));
  } catch (err) {
    db.close();
    throw err;
  }
  const gate = new SqliteTxGate(db);
  return {
    accounts: new SqliteAccountStore(gate),
    workspaces: new SqliteWorkspaceStore(gate),
    memberIds,
    backend: 'sqlite',
    close: async () => {
      // A transaction still open (a request under way at shutdown) ends first.
      while (gate.idle) await gate.idle;
      memberIds.close();
      db.close();
    },
  };
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
