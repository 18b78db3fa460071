/**
 * Workspaces, members and invitations of the relay: what WorkspaceService
 * and InvitationService read and write. Two implementations: SQLite in
 * `<dataDir>/accounts.db` (SqliteWorkspaceStore.ts) and PostgreSQL
 * (PgWorkspaceStore.ts). Plain storage, no rules; `transaction` runs a
 * service's read-check-write as one unit, serialised with every other such
 * unit (SQLite: BEGIN IMMEDIATE; PostgreSQL: one advisory lock), so two
 * nodes cannot both demote "the other" last owner.
 */
import type { RelayRole } from '../../src-main/common/relayWire';

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

/** A new invitation. */
export type NewInvitation = Omit<InvitationRow, 'acceptedAt' | 'revokedAt'> & { createdBy: string; createdAt: number };

export interface WorkspaceStore {
  /** Whether a workspace with `id` is registered. */
  exists(id: string): Promise<boolean>;
  /** Registers `id` (the caller checked it is free). */
  insertWorkspace(id: string, createdBy: string, now: number): Promise<void>;
  /** The role of `userId` in `workspaceId`, or null when not a member. */
  roleOf(workspaceId: string, userId: string): Promise<RelayRole | null>;
  /** Adds `userId` with `role`, or sets the role of an existing member. */
  putMember(workspaceId: string, userId: string, role: RelayRole, now: number): Promise<void>;
  /** Removes a member; returns whether there was one. */
  deleteMember(workspaceId: string, userId: string): Promise<boolean>;
  /** Members of `workspaceId`, oldest first. */
  members(workspaceId: string): Promise<MemberRow[]>;
  /** Number of owners of `workspaceId`. */
  ownerCount(workspaceId: string): Promise<number>;
  /** Workspaces `userId` belongs to, with the role. */
  workspacesOf(userId: string): Promise<{ id: string; role: RelayRole }[]>;
  /** Stores a new invitation. */
  insertInvitation(row: NewInvitation): Promise<void>;
  /** Invitations of `workspaceId`, oldest first. */
  invitations(workspaceId: string): Promise<InvitationRow[]>;
  /** One invitation of `workspaceId`, or null. */
  invitation(workspaceId: string, id: string): Promise<InvitationRow | null>;
  /** The invitation whose token hashes to `tokenHash`, or null. */
  invitationByToken(tokenHash: string): Promise<InvitationRow | null>;
  /** Marks an invitation revoked; returns whether it was still open. */
  revokeInvitation(id: string, now: number): Promise<boolean>;
  /** Revokes every open invitation `userId` created in `workspaceId`; returns how many. */
  revokeInvitationsBy(workspaceId: string, userId: string, now: number): Promise<number>;
  /**
   * Deletes `workspaceId` with its members and invitations (an owner erased it from the relay) and
   * leaves its tombstone (id and `now` only); returns what went.
   */
  deleteWorkspace(workspaceId: string, now: number): Promise<{ members: number; invitations: number }>;
  /** When `workspaceId` was erased from the relay (ms), or null when it never was. */
  erasedAt(workspaceId: string): Promise<number | null>;
  /** Marks an invitation accepted by `userId`; returns false when it was already used or revoked. */
  markAccepted(id: string, userId: string, now: number): Promise<boolean>;
  /**
   * Runs `fn` as one write transaction on `tx` (the same store, inside it): committed when `fn`
   * resolves, rolled back when it throws. Calls on the store itself wait until it ends (SQLite) or
   * do not see it until it commits (PostgreSQL); use `tx` inside.
   */
  transaction<T>(fn: (tx: WorkspaceStore) => Promise<T>): Promise<T>;
}
