/**
 * PostgreSQL implementation of `WorkspaceStore` (WorkspaceStore.ts), shared
 * by every relay node (schema in pgAccountSchema.ts). A transaction takes
 * one cluster-wide advisory lock first, so account transactions run one at
 * a time across nodes as they do in SQLite (BEGIN IMMEDIATE): a rule read
 * inside one (the owner count before a demotion, an invitation still open)
 * still holds when it commits. They are rare (registrations, role changes,
 * invitations), so one lock costs nothing that matters.
 */
import type pg from 'pg';
import type { RelayRole } from '../../src-main/common/relayWire';
import type { InvitationRow, MemberRow, NewInvitation, WorkspaceStore } from './WorkspaceStore';

/** Arbitrary key of the advisory lock every account transaction holds. */
export const ACCOUNT_TX_LOCK = 7_358_114_202;

const INVITATION_COLUMNS =
  'id, workspace_id AS "workspaceId", email, role, token_hash AS "tokenHash", expires_at AS "expiresAt", accepted_at AS "acceptedAt", revoked_at AS "revokedAt"';

interface InvitationDbRow extends Omit<InvitationRow, 'expiresAt' | 'acceptedAt' | 'revokedAt'> {
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

function invitationOf(row: InvitationDbRow): InvitationRow {
  const ms = (value: string | null): number | null => (value === null ? null : Number(value));
  return { ...row, expiresAt: Number(row.expiresAt), acceptedAt: ms(row.acceptedAt), revokedAt: ms(row.revokedAt) };
}

export class PgWorkspaceStore implements WorkspaceStore {
  private readonly db: pg.Pool | pg.PoolClient;

  /** `client` is set on the store a transaction's body gets: its calls go through the transaction. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly client: pg.PoolClient | null = null,
  ) {
    this.db = client ?? pool;
  }

  async exists(id: string): Promise<boolean> {
    const result = await this.db.query('SELECT 1 FROM relay_workspaces WHERE id = $1', [id]);
    return result.rows.length > 0;
  }

  async insertWorkspace(id: string, createdBy: string, now: number): Promise<void> {
    await this.db.query('INSERT INTO relay_workspaces (id, created_by, created_at) VALUES ($1, $2, $3)', [id, createdBy, now]);
  }

  async roleOf(workspaceId: string, userId: string): Promise<RelayRole | null> {
    const result = await this.db.query<{ role: RelayRole }>('SELECT role FROM relay_members WHERE workspace_id = $1 AND user_id = $2', [workspaceId, userId]);
    return result.rows[0]?.role ?? null;
  }

  async putMember(workspaceId: string, userId: string, role: RelayRole, now: number): Promise<void> {
    await this.db.query(
      `INSERT INTO relay_members (workspace_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
      [workspaceId, userId, role, now],
    );
  }

  async deleteMember(workspaceId: string, userId: string): Promise<boolean> {
    const result = await this.db.query('DELETE FROM relay_members WHERE workspace_id = $1 AND user_id = $2', [workspaceId, userId]);
    return (result.rowCount ?? 0) > 0;
  }

  async deleteWorkspace(workspaceId: string, now: number): Promise<{ members: number; invitations: number }> {
    const invitations = await this.db.query('DELETE FROM relay_invitations WHERE workspace_id = $1', [workspaceId]);
    const members = await this.db.query('DELETE FROM relay_members WHERE workspace_id = $1', [workspaceId]);
    await this.db.query('DELETE FROM relay_workspaces WHERE id = $1', [workspaceId]);
    await this.db.query(
      'INSERT INTO relay_erased_workspaces (id, erased_at) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET erased_at = excluded.erased_at',
      [workspaceId, now],
    );
    return { members: members.rowCount ?? 0, invitations: invitations.rowCount ?? 0 };
  }

  async erasedAt(workspaceId: string): Promise<number | null> {
    const result = await this.db.query<{ erased_at: string }>('SELECT erased_at FROM relay_erased_workspaces WHERE id = $1', [workspaceId]);
    return result.rows[0] ? Number(result.rows[0].erased_at) : null;
  }

  async members(workspaceId: string): Promise<MemberRow[]> {
    const result = await this.db.query<MemberRow>(
      `SELECT u.id AS "userId", u.email, m.role FROM relay_members m JOIN relay_users u ON u.id = m.user_id
       WHERE m.workspace_id = $1 ORDER BY m.added_at, u.email`,
      [workspaceId],
    );
    return result.rows;
  }

  async ownerCount(workspaceId: string): Promise<number> {
    const result = await this.db.query<{ n: string }>("SELECT COUNT(*) AS n FROM relay_members WHERE workspace_id = $1 AND role = 'owner'", [workspaceId]);
    return Number(result.rows[0]?.n ?? 0);
  }

  async workspacesOf(userId: string): Promise<{ id: string; role: RelayRole }[]> {
    const result = await this.db.query<{ id: string; role: RelayRole }>('SELECT workspace_id AS id, role FROM relay_members WHERE user_id = $1 ORDER BY workspace_id', [userId]);
    return result.rows;
  }

  async insertInvitation(row: NewInvitation): Promise<void> {
    await this.db.query(
      'INSERT INTO relay_invitations (id, workspace_id, email, role, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [row.id, row.workspaceId, row.email, row.role, row.tokenHash, row.createdBy, row.createdAt, row.expiresAt],
    );
  }

  async invitations(workspaceId: string): Promise<InvitationRow[]> {
    const result = await this.db.query<InvitationDbRow>(`SELECT ${INVITATION_COLUMNS} FROM relay_invitations WHERE workspace_id = $1 ORDER BY created_at, id`, [workspaceId]);
    return result.rows.map(invitationOf);
  }

  async invitation(workspaceId: string, id: string): Promise<InvitationRow | null> {
    const result = await this.db.query<InvitationDbRow>(`SELECT ${INVITATION_COLUMNS} FROM relay_invitations WHERE id = $1 AND workspace_id = $2`, [id, workspaceId]);
    return result.rows[0] ? invitationOf(result.rows[0]) : null;
  }

  async invitationByToken(tokenHash: string): Promise<InvitationRow | null> {
    const result = await this.db.query<InvitationDbRow>(`SELECT ${INVITATION_COLUMNS} FROM relay_invitations WHERE token_hash = $1`, [tokenHash]);
    return result.rows[0] ? invitationOf(result.rows[0]) : null;
  }

  async revokeInvitation(id: string, now: number): Promise<boolean> {
    const result = await this.db.query('UPDATE relay_invitations SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async revokeInvitationsBy(workspaceId: string, userId: string, now: number): Promise<number> {
    const result = await this.db.query(
      'UPDATE relay_invitations SET revoked_at = $1 WHERE workspace_id = $2 AND created_by = $3 AND accepted_at IS NULL AND revoked_at IS NULL',
      [now, workspaceId, userId],
    );
    return result.rowCount ?? 0;
  }

  async markAccepted(id: string, userId: string, now: number): Promise<boolean> {
    const result = await this.db.query('UPDATE relay_invitations SET accepted_at = $1, accepted_by = $2 WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL', [now, userId, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async transaction<T>(fn: (tx: WorkspaceStore) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNT_TX_LOCK]);
      const value = await fn(new PgWorkspaceStore(this.pool, client));
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
