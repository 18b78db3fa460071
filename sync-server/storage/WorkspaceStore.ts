/**
 * Workspaces, members and invitations in `accounts.db` (schema in
 * relayMigrations.ts). Plain SQL, no rules: the rules live in WorkspaceService.
 */
import type { RelayRole } from '../../src-main/common/relayWire';
import type { RelaySqliteDb } from './openRelaySqlite';

/** One member of a workspace. */
export interface MemberRow {
  userId: string;
  email: string;
  role: RelayRole;
}

/** One invitation as stored (times in ms). */
export interface InvitationRow {
  id: string;
  workspaceId: string;
  email: string;
  role: RelayRole;
  tokenHash: string;
  expiresAt: number;
  acceptedAt: number | null;
  revokedAt: number | null;
}

const INVITATION_COLUMNS =
  'id, workspace_id AS workspaceId, email, role, token_hash AS tokenHash, expires_at AS expiresAt, accepted_at AS acceptedAt, revoked_at AS revokedAt';

export class WorkspaceStore {
  private readonly stmts;

  constructor(private readonly db: RelaySqliteDb) {
    this.stmts = {
      workspaceExists: db.prepare('SELECT 1 FROM workspaces WHERE id = ?').pluck(),
      insertWorkspace: db.prepare('INSERT INTO workspaces (id, created_by, created_at) VALUES (?, ?, ?)'),
      role: db.prepare('SELECT role FROM members WHERE workspace_id = ? AND user_id = ?').pluck(),
      upsertMember: db.prepare(
        `INSERT INTO members (workspace_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
      ),
      deleteMember: db.prepare('DELETE FROM members WHERE workspace_id = ? AND user_id = ?'),
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

  /** Whether a workspace with `id` is registered. */
  exists(id: string): boolean {
    return this.stmts.workspaceExists.get(id) !== undefined;
  }

  /** Registers `id` (the caller checked it is free). */
  insertWorkspace(id: string, createdBy: string, now: number): void {
    this.stmts.insertWorkspace.run(id, createdBy, now);
  }

  /** The role of `userId` in `workspaceId`, or null when not a member. */
  roleOf(workspaceId: string, userId: string): RelayRole | null {
    return (this.stmts.role.get(workspaceId, userId) as RelayRole | undefined) ?? null;
  }

  /** Adds `userId` with `role`, or sets the role of an existing member. */
  putMember(workspaceId: string, userId: string, role: RelayRole, now: number): void {
    this.stmts.upsertMember.run(workspaceId, userId, role, now);
  }

  /** Removes a member; returns whether there was one. */
  deleteMember(workspaceId: string, userId: string): boolean {
    return this.stmts.deleteMember.run(workspaceId, userId).changes > 0;
  }

  /** Members of `workspaceId`, oldest first. */
  members(workspaceId: string): MemberRow[] {
    return this.stmts.members.all(workspaceId) as MemberRow[];
  }

  /** Number of owners of `workspaceId`. */
  ownerCount(workspaceId: string): number {
    return this.stmts.countOwners.get(workspaceId) as number;
  }

  /** Workspaces `userId` belongs to, with the role. */
  workspacesOf(userId: string): { id: string; role: RelayRole }[] {
    return this.stmts.workspacesOf.all(userId) as { id: string; role: RelayRole }[];
  }

  /** Stores a new invitation. */
  insertInvitation(row: Omit<InvitationRow, 'acceptedAt' | 'revokedAt'> & { createdBy: string; createdAt: number }): void {
    this.stmts.insertInvitation.run(row.id, row.workspaceId, row.email, row.role, row.tokenHash, row.createdBy, row.createdAt, row.expiresAt);
  }

  /** Invitations of `workspaceId`, oldest first. */
  invitations(workspaceId: string): InvitationRow[] {
    return this.stmts.invitations.all(workspaceId) as InvitationRow[];
  }

  /** One invitation of `workspaceId`, or null. */
  invitation(workspaceId: string, id: string): InvitationRow | null {
    return (this.stmts.invitationById.get(id, workspaceId) as InvitationRow | undefined) ?? null;
  }

  /** The invitation whose token hashes to `tokenHash`, or null. */
  invitationByToken(tokenHash: string): InvitationRow | null {
    return (this.stmts.invitationByToken.get(tokenHash) as InvitationRow | undefined) ?? null;
  }

  /** Marks an invitation revoked; returns whether it was still open. */
  revokeInvitation(id: string, now: number): boolean {
    return this.stmts.revokeInvitation.run(now, id).changes > 0;
  }

  /** Revokes every open invitation `userId` created in `workspaceId`; returns how many. */
  revokeInvitationsBy(workspaceId: string, userId: string, now: number): number {
    return this.stmts.revokeInvitationsBy.run(now, workspaceId, userId).changes;
  }

  /** Marks an invitation accepted by `userId`; returns false when it was already used or revoked. */
  markAccepted(id: string, userId: string, now: number): boolean {
    return this.stmts.acceptInvitation.run(now, userId, id).changes > 0;
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
