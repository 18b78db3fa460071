/**
 * Opens the relay's account stores on PostgreSQL (`RELAY_DATABASE_URL`):
 * its own pool (so a sign-in or a socket's token check never queues behind
 * the doc log's group commits), the schema migrated (pgDocSchema.ts, under
 * its advisory lock), and the three stores on it.
 */
import { openPgPool } from './openPgPool';
import { PgAccountStore } from './PgAccountStore';
import { PgMemberIdStore } from './PgMemberIdStore';
import { PgWorkspaceStore } from './PgWorkspaceStore';

/** The account stores on one PostgreSQL pool. */
export interface PgAccountStores {
  accounts: PgAccountStore;
  workspaces: PgWorkspaceStore;
  memberIds: PgMemberIdStore;
  close(): Promise<void>;
}

/** Connections of the accounts pool for a node whose doc log has `docPoolSize`: half as many, at least 2. */
export function accountPoolSize(docPoolSize: number): number {
  return Math.max(2, Math.ceil(docPoolSize / 2));
}

/** Connects to `url` and applies the schema; throws with the server's reason when it cannot. */
export async function openPgAccountStores(url: string, poolSize: number, applicationName: string): Promise<PgAccountStores> {
  const pool = await openPgPool(url, poolSize, applicationName);
  return {
    accounts: new PgAccountStore(pool),
    workspaces: new PgWorkspaceStore(pool),
    memberIds: new PgMemberIdStore(pool),
    close: () => pool.end(),
  };
}
