/**
 * Copies a relay's accounts from its SQLite files (`<dataDir>/accounts.db`,
 * `<dataDir>/member-ids.db`) into PostgreSQL (pgAccountSchema.ts), so a relay
 * switched to `RELAY_DATABASE_URL` keeps its users: their device tokens,
 * workspaces, roles, invitations and member id bindings work on as before,
 * and a workspace an owner erased stays erased (its tombstone, the id and
 * the date, moves too: 410 `WORKSPACE_ERASED` and close 4411 with that date).
 * Rows are copied as they are, ids and hashes included (tokens are stored
 * only as hashes, so no secret is read or written); sign-in codes and
 * wrong-code counts are not (they live minutes, a day at most).
 *
 * One PostgreSQL transaction, under the advisory lock every account
 * transaction takes (PgWorkspaceStore.ts), so a relay node already running
 * on the database sees all of it or nothing. Idempotent: a row already in
 * PostgreSQL with the same identity (same id and email for a user, same
 * user and token hash for a device, same creator for a workspace, same
 * workspace and token hash for an invitation, same account for a member id)
 * is counted as present and left as PostgreSQL has it (a role changed or a
 * device used since the switch is kept). A row whose identity differs is a
 * conflict: it is not copied, nor is anything that depends on it (a user's
 * devices and memberships, a workspace's members, invitations and member
 * ids), and it is reported. A tombstone PostgreSQL already has (another
 * date too: erased there since the switch) is present and kept; one whose
 * workspace was registered again in PostgreSQL since the switch is a
 * conflict, since copying it would cut that workspace's members off.
 */
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { openRelaySqlite, type RelaySqliteDb } from './openRelaySqlite';
import { ACCOUNT_MIGRATIONS } from './relayMigrations';
import { runRelayMigrations } from './runRelayMigrations';
import { ACCOUNT_TX_LOCK } from './PgWorkspaceStore';


interface UserRow { id: string; email: string; created_at: number }
interface DeviceRow { id: string; user_id: string; name: string; token_hash: string; created_at: number; last_seen_at: number; expires_at: number }
interface WorkspaceRow { id: string; created_by: string; created_at: number }
interface MembershipRow { workspace_id: string; user_id: string; role: string; added_at: number }
interface InvitationDbRow {
  id: string;
  workspace_id: string;
  email: string;
  role: string;
  token_hash: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  revoked_at: number | null;
}
interface MemberIdRow { workspace_id: string; member_id: string; user_id: string; bound_at: number }
interface TombstoneRow { id: string; erased_at: number }

/** Everything the SQLite stores hold that moves. */
export interface SqliteAccounts {
  users: UserRow[];
  devices: DeviceRow[];
  workspaces: WorkspaceRow[];
  members: MembershipRow[];
  invitations: InvitationDbRow[];
  memberIds: MemberIdRow[];
  /** Workspaces an owner erased from the relay (WorkspaceStore.erasedAt). */
  erasedWorkspaces: TombstoneRow[];
}

export const MIGRATED_TABLES = ['users', 'devices', 'workspaces', 'members', 'invitations', 'memberIds', 'erasedWorkspaces'] as const;
export type MigratedTable = (typeof MIGRATED_TABLES)[number];

/** Per table: rows written now, rows PostgreSQL already had, rows left out (a conflict, or depending on one). */
export interface TableCounts {
  copied: number;
  present: number;
  skipped: number;
}

/** What a migration did (or, dry, would do). */
export interface AccountMigrationReport {
  tables: Record<MigratedTable, TableCounts>;
  /** One line per conflicting row: what, and what PostgreSQL holds instead. */
  conflicts: string[];
  dryRun: boolean;
}

/** The source files are missing, unreadable or from a newer relay. */
export class AccountSourceError extends Error {}

/**
 * Reads the accounts of the relay data dir `dataDir`. `accounts.db` must exist; it is brought
 * to this build's schema first (as the relay would on start), and refused when a newer relay wrote it.
 */
export function readSqliteAccounts(dataDir: string): SqliteAccounts {
  const accountsPath = path.join(dataDir, 'accounts.db');
  if (!fs.existsSync(accountsPath)) throw new AccountSourceError(`${accountsPath} does not exist: --from must be the data dir of a relay that ran on SQLite`);
  const db = openSource(accountsPath);
  let data: Omit<SqliteAccounts, 'memberIds'>;
  // The tombstones' table exists once the migrations ran (accounts migration 3).
  try {
    runRelayMigrations(db, ACCOUNT_MIGRATIONS, 'accounts');
    data = {
      users: db.prepare('SELECT id, email, created_at FROM users ORDER BY created_at, id').all() as UserRow[],
      devices: db.prepare('SELECT id, user_id, name, token_hash, created_at, last_seen_at, expires_at FROM devices ORDER BY created_at, id').all() as DeviceRow[],
      workspaces: db.prepare('SELECT id, created_by, created_at FROM workspaces ORDER BY created_at, id').all() as WorkspaceRow[],
      members: db.prepare('SELECT workspace_id, user_id, role, added_at FROM members ORDER BY workspace_id, user_id').all() as MembershipRow[],
      invitations: db
        .prepare('SELECT id, workspace_id, email, role, token_hash, created_by, created_at, expires_at, accepted_at, accepted_by, revoked_at FROM invitations ORDER BY created_at, id')
        .all() as InvitationDbRow[],
      erasedWorkspaces: db.prepare('SELECT id, erased_at FROM erased_workspaces ORDER BY erased_at, id').all() as TombstoneRow[],
    };
  } catch (err) {
    throw err instanceof AccountSourceError ? err : new AccountSourceError(`${accountsPath} cannot be read: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  return { ...data, memberIds: readMemberIds(path.join(dataDir, 'member-ids.db')) };
}

function openSource(file: string): RelaySqliteDb {
  try {
    return openRelaySqlite(file);
  } catch (err) {
    throw new AccountSourceError(`${file} cannot be opened: ${(err as Error).message}`);
  }
}

/** The member id bindings; none when the relay never wrote `member-ids.db`. */
function readMemberIds(file: string): MemberIdRow[] {
  if (!fs.existsSync(file)) return [];
  const db = openSource(file);
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'member_ids'").get();
    if (!table) return [];
    return db.prepare('SELECT workspace_id, member_id, user_id, bound_at FROM member_ids ORDER BY workspace_id, member_id').all() as MemberIdRow[];
  } catch (err) {
    throw new AccountSourceError(`${file} cannot be read: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

/** Copies `data` into the PostgreSQL account tables of `pool` in one transaction (rolled back when `dryRun`). */
export async function copyAccountsToPg(pool: pg.Pool, data: SqliteAccounts, options: { dryRun?: boolean } = {}): Promise<AccountMigrationReport> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The advisory lock every account transaction takes: relay nodes wait while the copy runs.
    await client.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNT_TX_LOCK]);
    const report = await copyAll(client, data);
    await client.query(options.dryRun ? 'ROLLBACK' : 'COMMIT');
    return { ...report, dryRun: options.dryRun === true };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function copyAll(client: pg.PoolClient, data: SqliteAccounts): Promise<Omit<AccountMigrationReport, 'dryRun'>> {
  const tables = Object.fromEntries(MIGRATED_TABLES.map((t) => [t, { copied: 0, present: 0, skipped: 0 }])) as Record<MigratedTable, TableCounts>;
  const conflicts: string[] = [];
  const skippedUsers = new Set<string>();
  const skippedWorkspaces = new Set<string>();
  /** Inserts unless a unique key is taken; then `same` says whether the row PostgreSQL holds is this one (else `conflict` explains). */
  const put = async (table: MigratedTable, insert: [string, unknown[]], existing: () => Promise<string | null>): Promise<boolean> => {
    const inserted = await client.query(`${insert[0]} ON CONFLICT DO NOTHING`, insert[1]);
    if ((inserted.rowCount ?? 0) > 0) {
      tables[table].copied += 1;
      return true;
    }
    const conflict = await existing();
    if (conflict === null) {
      tables[table].present += 1;
      return true;
    }
    tables[table].skipped += 1;
    conflicts.push(conflict);
    return false;
  };
  const skip = (table: MigratedTable): void => void (tables[table].skipped += 1);

  for (const u of data.users) {
    const ok = await put('users', ['INSERT INTO relay_users (id, email, created_at) VALUES ($1, $2, $3)', [u.id, u.email, u.created_at]], async () => {
      const { rows } = await client.query<{ id: string; email: string }>('SELECT id, email FROM relay_users WHERE id = $1 OR email = $2', [u.id, u.email]);
      if (rows.some((r) => r.id === u.id && r.email === u.email)) return null;
      const other = rows[0];
      return other?.id === u.id
        ? `user ${u.id} (${u.email}): PostgreSQL has this id for ${other.email}`
        : `user ${u.email}: PostgreSQL has another account for this email (${other?.id ?? 'unknown'}, signed in since the switch); its devices and memberships stay on SQLite`;
    });
    if (!ok) skippedUsers.add(u.id);
  }
  for (const d of data.devices) {
    if (skippedUsers.has(d.user_id)) {
      skip('devices');
      continue;
    }
    await put(
      'devices',
      ['INSERT INTO relay_devices (id, user_id, name, token_hash, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [d.id, d.user_id, d.name, d.token_hash, d.created_at, d.last_seen_at, d.expires_at]],
      async () => {
        const { rows } = await client.query<{ id: string; user_id: string; token_hash: string }>('SELECT id, user_id, token_hash FROM relay_devices WHERE id = $1 OR token_hash = $2', [d.id, d.token_hash]);
        return rows.some((r) => r.id === d.id && r.user_id === d.user_id && r.token_hash === d.token_hash) ? null : `device ${d.id} of user ${d.user_id}: PostgreSQL has another device with this id or token`;
      },
    );
  }
  for (const w of data.workspaces) {
    const ok = await put('workspaces', ['INSERT INTO relay_workspaces (id, created_by, created_at) VALUES ($1, $2, $3)', [w.id, w.created_by, w.created_at]], async () => {
      const { rows } = await client.query<{ created_by: string }>('SELECT created_by FROM relay_workspaces WHERE id = $1', [w.id]);
      return rows[0]?.created_by === w.created_by ? null : `workspace ${w.id}: registered in PostgreSQL by ${rows[0]?.created_by ?? 'someone else'} since the switch; its members, invitations and member ids stay on SQLite`;
    });
    if (!ok) skippedWorkspaces.add(w.id);
  }
  for (const m of data.members) {
    if (skippedUsers.has(m.user_id) || skippedWorkspaces.has(m.workspace_id)) {
      skip('members');
      continue;
    }
    // Someone already a member in PostgreSQL keeps the role they have there (it may have changed since the switch).
    await put('members', ['INSERT INTO relay_members (workspace_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)', [m.workspace_id, m.user_id, m.role, m.added_at]], () => Promise.resolve(null));
  }
  for (const i of data.invitations) {
    if (skippedWorkspaces.has(i.workspace_id)) {
      skip('invitations');
      continue;
    }
    await put(
      'invitations',
      [
        'INSERT INTO relay_invitations (id, workspace_id, email, role, token_hash, created_by, created_at, expires_at, accepted_at, accepted_by, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
        [i.id, i.workspace_id, i.email, i.role, i.token_hash, i.created_by, i.created_at, i.expires_at, i.accepted_at, i.accepted_by, i.revoked_at],
      ],
      async () => {
        const { rows } = await client.query<{ id: string; workspace_id: string; token_hash: string }>('SELECT id, workspace_id, token_hash FROM relay_invitations WHERE id = $1 OR token_hash = $2', [i.id, i.token_hash]);
        return rows.some((r) => r.id === i.id && r.workspace_id === i.workspace_id && r.token_hash === i.token_hash) ? null : `invitation ${i.id} to ${i.workspace_id}: PostgreSQL has another invitation with this id or token`;
      },
    );
  }
  for (const b of data.memberIds) {
    if (skippedUsers.has(b.user_id) || skippedWorkspaces.has(b.workspace_id)) {
      skip('memberIds');
      continue;
    }
    await put('memberIds', ['INSERT INTO relay_member_ids (workspace_id, member_id, user_id, bound_at) VALUES ($1, $2, $3, $4)', [b.workspace_id, b.member_id, b.user_id, b.bound_at]], async () => {
      const { rows } = await client.query<{ user_id: string }>('SELECT user_id FROM relay_member_ids WHERE workspace_id = $1 AND member_id = $2', [b.workspace_id, b.member_id]);
      return rows[0]?.user_id === b.user_id ? null : `member id ${b.member_id} in ${b.workspace_id}: bound in PostgreSQL to another account (${rows[0]?.user_id ?? 'unknown'})`;
    });
  }
  for (const e of data.erasedWorkspaces) {
    await put('erasedWorkspaces', ['INSERT INTO relay_erased_workspaces (id, erased_at) SELECT $1::text, $2::bigint WHERE NOT EXISTS (SELECT 1 FROM relay_workspaces WHERE id = $1)', [e.id, e.erased_at]], async () => {
      const { rows } = await client.query<{ created_by: string }>('SELECT created_by FROM relay_workspaces WHERE id = $1', [e.id]);
      const live = rows[0];
      return live === undefined
        ? null
        : `erased workspace ${e.id} (erased ${new Date(e.erased_at).toISOString()}): registered again in PostgreSQL by ${live.created_by} since the switch; left live there, erase it again to cut it off`;
    });
  }
  return { tables, conflicts };
}
