/**
 * SQLite implementation of `WorkspaceStore` (WorkspaceStore.ts) on
 * `accounts.db` (schema in relayMigrations.ts). A transaction is BEGIN
 * IMMEDIATE on the shared handle (SqliteTxGate.ts); calls outside it wait
 * until it ends, then run without yielding.
 */
import type { RelayRole } from '../../src-main/common/relayWire';
import type { RelaySqliteDb } from './openRelaySqlite';
import type { SqliteTxGate } from './SqliteTxGate';
import type { InvitationRow, MemberRow, NewInvitation, WorkspaceStore } from './WorkspaceStore';

const INVITATION_COLUMNS =
  'id, workspace_id AS workspaceId, email, role, token_hash AS tokenHash, expires_at AS expiresAt, accepted_at AS acceptedAt, revoked_at AS revokedAt';

function prepareStatements(db: RelaySqliteDb) {
  return {
    workspaceExists: db.prepare('SELECT 1 FROM workspaces WHERE id = ?').pluck(),
    insertWorkspace: db.prepare('INSERT INTO workspaces (id, created_by, created_at) VALUES (?, ?, ?)'),
    role: db.prepare('SELECT role FROM members WHERE workspace_id = ? AND user_id = ?').pluck(),
    upsertMember: db.prepare(
      `INSERT INTO members (workspace_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
    ),
    deleteMember: db.prepare('DELETE FROM members WHERE workspace_id = ? AND user_id = ?'),
    deleteMembers: db.prepare('DELETE FROM members WHERE workspace_id = ?'),
    deleteInvitations: db.prepare('DELETE FROM invitations WHERE workspace_id = ?'),
    deleteWorkspace: db.prepare('DELETE FROM workspaces WHERE id = ?'),
    insertTombstone: db.prepare('INSERT INTO erased_workspaces (id, erased_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET erased_at = excluded.erased_at'),
    erasedAt: db.prepare('SELECT erased_at FROM erased_workspaces WHERE id = ?').pluck(),
    members: db.prepare(
      'SELECT users.id AS userId, users.email AS email, members.role AS role FROM members JOIN users ON users.id = members.user_id WHERE members.workspace_id = ? ORDER BY members.added_at, users.email',
    ),
    countOwners: db.prepare("SELECT COUNT(*) FROM members WHERE workspace_id = ? AND role = 'owner'").pluck(),
    workspacesOf: db.prepare('SELECT workspace_id AS id, role FROM members WHERE user_id = ? ORDER BY workspace_id'),
    insertInvitation: db.prepare(
      'INSERT INTO invitations (id, workspace_id, email, role, token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    invitations: db.prepare(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE workspace_id = ? ORDER BY created_at, id`),
    invitationById: db.prepare(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE id = ? AND workspace_id = ?`),
    invitationByToken: db.prepare(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE token_hash = ?`),
    revokeInvitation: db.prepare('UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    revokeInvitationsBy: db.prepare('UPDATE invitations SET revoked_at = ? WHERE workspace_id = ? AND created_by = ? AND accepted_at IS NULL AND revoked_at IS NULL'),
    acceptInvitation: db.prepare('UPDATE invitations SET accepted_at = ?, accepted_by = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL'),
  };
}

export class SqliteWorkspaceStore implements WorkspaceStore {
  private readonly stmts: ReturnType<typeof prepareStatements>;
  private inner: SqliteWorkspaceStore | null = null;

  /** `inside` is the view a transaction's body gets (its calls run at once). */
  constructor(
    private readonly gate: SqliteTxGate,
    private readonly inside = false,
    stmts?: ReturnType<typeof prepareStatements>,
  ) {
    this.stmts = stmts ?? prepareStatements(gate.db);
  }

  async exists(id: string): Promise<boolean> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return this.stmts.workspaceExists.get(id) !== undefined;
  }

  async insertWorkspace(id: string, createdBy: string, now: number): Promise<void> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    this.stmts.insertWorkspace.run(id, createdBy, now);
  }

  async roleOf(workspaceId: string, userId: string): Promise<RelayRole | null> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return (this.stmts.role.get(workspaceId, userId) as RelayRole | undefined) ?? null;
  }

  async putMember(workspaceId: string, userId: string, role: RelayRole, now: number): Promise<void> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    this.stmts.upsertMember.run(workspaceId, userId, role, now);
  }

  async deleteMember(workspaceId: string, userId: string): Promise<boolean> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return this.stmts.deleteMember.run(workspaceId, userId).changes > 0;
  }

  async deleteWorkspace(workspaceId: string, now: number): Promise<{ members: number; invitations: number }> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    const invitations = this.stmts.deleteInvitations.run(workspaceId).changes;
    const members = this.stmts.deleteMembers.run(workspaceId).changes;
    this.stmts.deleteWorkspace.run(workspaceId);
    this.stmts.insertTombstone.run(workspaceId, now);
    return { members, invitations };
  }

  async erasedAt(workspaceId: string): Promise<number | null> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return (this.stmts.erasedAt.get(workspaceId) as number | undefined) ?? null;
  }

  async members(workspaceId: string): Promise<MemberRow[]> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return this.stmts.members.all(workspaceId) as MemberRow[];
  }

  async ownerCount(workspaceId: string): Promise<number> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return this.stmts.countOwners.get(workspaceId) as number;
  }

  async workspacesOf(userId: string): Promise<{ id: string; role: RelayRole }[]> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return this.stmts.workspacesOf.all(userId) as { id: string; role: RelayRole }[];
  }

  async insertInvitation(row: NewInvitation): Promise<void> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    this.stmts.insertInvitation.run(row.id, row.workspaceId, row.email, row.role, row.tokenHash, row.createdBy, row.createdAt, row.expiresAt);
  }

  async invitations(workspaceId: string): Promise<InvitationRow[]> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return this.stmts.invitations.all(workspaceId) as InvitationRow[];
  }

  async invitation(workspaceId: string, id: string): Promise<InvitationRow | null> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return (this.stmts.invitationById.get(id, workspaceId) as InvitationRow | undefined) ?? null;
  }

  async invitationByToken(tokenHash: string): Promise<InvitationRow | null> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return (this.stmts.invitationByToken.get(tokenHash) as InvitationRow | undefined) ?? null;
  }

  async revokeInvitation(id: string, now: number): Promise<boolean> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return this.stmts.revokeInvitation.run(now, id).changes > 0;
  }

  async revokeInvitationsBy(workspaceId: string, userId: string, now: number): Promise<number> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return this.stmts.revokeInvitationsBy.run(now, workspaceId, userId).changes;
  }

  async markAccepted(id: string, userId: string, now: number): Promise<boolean> {
    if (!this.inside) while (this.gate.idle) await this.gate.idle;
    return this.stmts.acceptInvitation.run(now, userId, id).changes > 0;
  }

  transaction<T>(fn: (tx: WorkspaceStore) => Promise<T>): Promise<T> {
    if (this.inside) return fn(this);
    this.inner ??= new SqliteWorkspaceStore(this.gate, true, this.stmts);
    const inner = this.inner;
    return this.gate.transaction(() => fn(inner));
  }
}
