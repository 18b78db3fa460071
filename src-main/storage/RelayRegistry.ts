/**
 * The relay side of `app.db`: accounts signed in on this device (one per relay
 * address) and the link of each synced workspace to its relay. Local only;
 * device tokens live in the keychain, never here.
 *
 * Tables (app migration 2): `relay_accounts(url, email, user_id,
 * signed_in_at)` and `workspace_links(workspace_id, relay_url, account_email,
 * role, linked_at)`; a link goes with its workspace (ON DELETE CASCADE).
 */
import type { RelayAccount, RelayRoleName } from '../common/contract';
import type { SqliteDb } from './openSqlite';
import { preparedStatement } from './preparedStatement';

/** A workspace's link to a relay. */
export interface WorkspaceLink {
  workspaceId: string;
  relayUrl: string;
  accountEmail: string;
  role: RelayRoleName;
  linkedAt: number;
}

interface AccountRow {
  url: string;
  email: string;
  user_id: string;
  signed_in_at: number;
}

interface LinkRow {
  workspace_id: string;
  relay_url: string;
  account_email: string;
  role: RelayRoleName;
  linked_at: number;
}

function toAccount(row: AccountRow): RelayAccount {
  return { url: row.url, email: row.email, userId: row.user_id, signedInAt: row.signed_in_at };
}

function toLink(row: LinkRow): WorkspaceLink {
  return {
    workspaceId: row.workspace_id,
    relayUrl: row.relay_url,
    accountEmail: row.account_email,
    role: row.role,
    linkedAt: row.linked_at,
  };
}

/** Reads and writes relay accounts and workspace links in app.db. */
export class RelayRegistry {
  constructor(private readonly db: SqliteDb) {}

  /** Accounts signed in on this device, by relay address. */
  listAccounts(): RelayAccount[] {
    const rows = this.db.prepare('SELECT url, email, user_id, signed_in_at FROM relay_accounts ORDER BY url').all() as AccountRow[];
    return rows.map(toAccount);
  }

  /** The account signed in on relay `url`, or null. */
  getAccount(url: string): RelayAccount | null {
    const row = this.db.prepare('SELECT url, email, user_id, signed_in_at FROM relay_accounts WHERE url = ?').get(url) as
      | AccountRow
      | undefined;
    return row ? toAccount(row) : null;
  }

  /** Records (or replaces) the account of relay `account.url`. */
  putAccount(account: RelayAccount): void {
    this.db
      .prepare(
        `INSERT INTO relay_accounts (url, email, user_id, signed_in_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET email = excluded.email, user_id = excluded.user_id, signed_in_at = excluded.signed_in_at`,
      )
      .run(account.url, account.email, account.userId, account.signedInAt);
  }

  deleteAccount(url: string): boolean {
    return this.db.prepare('DELETE FROM relay_accounts WHERE url = ?').run(url).changes > 0;
  }

  /** Every linked workspace. */
  listLinks(): WorkspaceLink[] {
    const rows = this.db
      .prepare('SELECT workspace_id, relay_url, account_email, role, linked_at FROM workspace_links ORDER BY linked_at')
      .all() as LinkRow[];
    return rows.map(toLink);
  }

  /** The link of workspace `workspaceId`, or null when it is local-only. */
  getLink(workspaceId: string): WorkspaceLink | null {
    // Read on every tool call (the role of the person a digital human acts for, the audit's writer): prepared once.
    const row = preparedStatement(this.db, 'SELECT workspace_id, relay_url, account_email, role, linked_at FROM workspace_links WHERE workspace_id = ?').get(workspaceId) as
      | LinkRow
      | undefined;
    return row ? toLink(row) : null;
  }

  /** Records (or replaces) the link of `link.workspaceId`, which must be in the registry. */
  putLink(link: WorkspaceLink): void {
    this.db
      .prepare(
        `INSERT INTO workspace_links (workspace_id, relay_url, account_email, role, linked_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET relay_url = excluded.relay_url, account_email = excluded.account_email,
           role = excluded.role, linked_at = excluded.linked_at`,
      )
      .run(link.workspaceId, link.relayUrl, link.accountEmail, link.role, link.linkedAt);
  }

  /** Forgets the link of `workspaceId` (it becomes local-only on this device); returns whether there was one. */
  deleteLink(workspaceId: string): boolean {
    return this.db.prepare('DELETE FROM workspace_links WHERE workspace_id = ?').run(workspaceId).changes > 0;
  }

  /** Updates the role recorded for a linked workspace (the relay's tokens say which role we have). */
  setLinkRole(workspaceId: string, role: RelayRoleName): void {
    this.db.prepare('UPDATE workspace_links SET role = ? WHERE workspace_id = ?').run(role, workspaceId);
  }
}
