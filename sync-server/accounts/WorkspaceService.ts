/**
 * Workspaces on the relay: registration, members and their roles, WebSocket
 * tokens. Role changes and removals are announced to a `MembershipListener`
 * (the live connection registry), which closes the member's sockets.
 *
 * Rules: owners and admins manage members and invitations; only an owner
 * may touch an owner or make one; the last owner can be neither demoted nor
 * removed; a member may always remove themselves (leave). Removing an
 * owner or admin, or making them less than admin, revokes the open
 * invitations they created: an invitation is only as good as its author.
 *
 * An erased workspace leaves a tombstone (id and time only, WorkspaceStore.ts).
 * Who asks about it as if it were still there (a token, its members…) gets
 * `WorkspaceErasedError` (410 `WORKSPACE_ERASED`, with the date) rather than
 * "not a member", so a device that was offline during the erasure shows
 * what the online members saw. The tombstone also refuses registering the
 * id again, by anyone, its former owner included: the former members'
 * devices still hold copies under that id, and a workspace re-created
 * under it (by someone who learnt the id, or by a device linking its kept
 * copy) would receive their writes, or hand the former members' copies a
 * stranger's content, if any of them linked again. What the tombstone
 * tells (this id existed and was erased on that day) goes to whoever
 * names the id with a valid device token; ids are random and unguessable,
 * and it says nothing of who was in it or what it held.
 */
import type { RelayTokenClaims } from '../../src-main/common/relayToken';
import type { RelayRole } from '../../src-main/common/relayWire';
import { normalizeEmail } from '../auth/AuthService';
import { newId } from '../auth/secretHashes';
import { signRelayToken } from '../auth/signRelayToken';
import type { Logger } from '../../src-main/common/Logger';
import { ForbiddenError, RelayConflictError, RelayNotFoundError, WorkspaceErasedError } from '../RelayError';
import type { AccountStore, RelayUser } from '../storage/AccountStore';
import type { MemberRow, WorkspaceStore } from '../storage/WorkspaceStore';

/** Told when a member's access changes, so their live connections follow. */
export interface MembershipListener {
  roleChanged(workspaceId: string, userId: string): void;
  memberRemoved(workspaceId: string, userId: string): void;
  /** An owner erased the whole workspace from the relay at `at` (ms): every connection to it closes (4411). */
  workspaceErased(workspaceId: string, at: number): void;
}

/** A WebSocket token and what it grants. */
export interface IssuedToken {
  token: string;
  /** ISO 8601. */
  expiresAt: string;
  role: RelayRole;
}

/** Dependencies of `WorkspaceService`. */
export interface WorkspaceServiceDeps {
  accounts: AccountStore;
  workspaces: WorkspaceStore;
  secret: string;
  tokenTtlSeconds: number;
  listener: MembershipListener;
  logger: Logger;
  now?: () => number;
}

const MANAGERS: readonly RelayRole[] = ['owner', 'admin'];

export class WorkspaceService {
  private readonly now: () => number;

  constructor(private readonly deps: WorkspaceServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Registers `workspaceId` with `user` as owner; `created` is false when the caller already owned it. */
  register(user: RelayUser, workspaceId: string): Promise<{ created: boolean }> {
    return this.deps.workspaces.transaction(async (tx) => {
      await this.refuseErased(tx, workspaceId);
      if (await tx.exists(workspaceId)) {
        if ((await tx.roleOf(workspaceId, user.id)) === 'owner') return { created: false };
        throw new RelayConflictError(`The workspace id ${workspaceId} is already registered on this relay by someone else.`);
      }
      const now = this.now();
      await tx.insertWorkspace(workspaceId, user.id, now);
      await tx.putMember(workspaceId, user.id, 'owner', now);
      this.deps.logger('info', 'workspace.registered', { workspaceId, userId: user.id });
      return { created: true };
    });
  }

  /** The current role of `user` in `workspaceId` (read on `store`: a transaction's, or the store); throws `ForbiddenError` when not a member. */
  async requireRole(user: RelayUser, workspaceId: string, allowed?: readonly RelayRole[], store: WorkspaceStore = this.deps.workspaces): Promise<RelayRole> {
    const role = await store.roleOf(workspaceId, user.id);
    if (!role) {
      await this.refuseErased(store, workspaceId);
      throw new ForbiddenError(`You are not a member of the workspace ${workspaceId}.`);
    }
    if (allowed && !allowed.includes(role)) throw new ForbiddenError(`Only ${allowed.join(' or ')} members may do this in ${workspaceId}.`);
    return role;
  }

  /** A WebSocket token for `user` in `workspaceId`, with their current role, tied to the asking device (its sockets close when it is revoked). */
  async issueToken(user: RelayUser, workspaceId: string, deviceId?: string): Promise<IssuedToken> {
    const role = await this.requireRole(user, workspaceId);
    return this.sign(user, workspaceId, role, deviceId);
  }

  /** Workspaces of `user`. */
  workspacesOf(user: RelayUser): Promise<{ id: string; role: RelayRole }[]> {
    return this.deps.workspaces.workspacesOf(user.id);
  }

  /** Members of `workspaceId`; any member may list them. */
  async members(user: RelayUser, workspaceId: string): Promise<MemberRow[]> {
    await this.requireRole(user, workspaceId);
    return this.deps.workspaces.members(workspaceId);
  }

  /** Sets the role of a member; their live connections close with 4409. */
  async setRole(user: RelayUser, workspaceId: string, targetUserId: string, role: RelayRole): Promise<MemberRow> {
    const { workspaces } = this.deps;
    const changed = await workspaces.transaction(async (tx) => {
      const callerRole = await this.requireRole(user, workspaceId, MANAGERS, tx);
      const current = await this.targetRole(tx, workspaceId, targetUserId);
      if ((current === 'owner' || role === 'owner') && callerRole !== 'owner') throw new ForbiddenError('Only an owner may make or change an owner.');
      if (current === 'owner' && role !== 'owner' && (await tx.ownerCount(workspaceId)) <= 1) {
        throw new RelayConflictError('The last owner cannot be demoted: make someone else owner first.');
      }
      if (current === role) return false;
      await tx.putMember(workspaceId, targetUserId, role, this.now());
      if (MANAGERS.includes(current) && !MANAGERS.includes(role)) await this.revokeInvitationsOf(tx, workspaceId, targetUserId);
      return true;
    });
    if (changed) {
      this.deps.logger('info', 'member.role_changed', { workspaceId, userId: targetUserId, role, by: user.id });
      this.deps.listener.roleChanged(workspaceId, targetUserId);
    }
    const member = (await workspaces.members(workspaceId)).find((m) => m.userId === targetUserId);
    if (!member) throw new RelayNotFoundError(`No member ${targetUserId} in ${workspaceId}.`);
    return member;
  }

  /** Removes a member; their live connections close with 4403. */
  async removeMember(user: RelayUser, workspaceId: string, targetUserId: string): Promise<void> {
    await this.deps.workspaces.transaction(async (tx) => {
      const callerRole = await this.requireRole(user, workspaceId, targetUserId === user.id ? undefined : MANAGERS, tx);
      const current = await this.targetRole(tx, workspaceId, targetUserId);
      if (current === 'owner' && callerRole !== 'owner') throw new ForbiddenError('Only an owner may remove an owner.');
      if (current === 'owner' && (await tx.ownerCount(workspaceId)) <= 1) {
        throw new RelayConflictError('The last owner cannot be removed: make someone else owner first.');
      }
      await tx.deleteMember(workspaceId, targetUserId);
      await this.revokeInvitationsOf(tx, workspaceId, targetUserId);
    });
    this.deps.logger('info', 'member.removed', { workspaceId, userId: targetUserId, by: user.id });
    this.deps.listener.memberRemoved(workspaceId, targetUserId);
  }

  /**
   * Deletes `workspaceId` with its members and invitations (an owner erases it
   * from the relay: RelayEraser.removeWorkspace deletes its docs and files).
   * Every live connection to it closes with 4411, on every node, and no new
   * token is issued for it: it is no longer registered.
   */
  async deleteWorkspace(user: RelayUser, workspaceId: string): Promise<{ members: string[]; invitations: number; at: number }> {
    const at = this.now();
    const removed = await this.deps.workspaces.transaction(async (tx) => {
      await this.requireRole(user, workspaceId, ['owner'], tx);
      const members = (await tx.members(workspaceId)).map((m) => m.userId);
      const deleted = await tx.deleteWorkspace(workspaceId, at);
      return { members, invitations: deleted.invitations, at };
    });
    this.deps.logger('info', 'workspace.deleted', { workspaceId, by: user.id, members: removed.members.length, invitations: removed.invitations });
    this.deps.listener.workspaceErased(workspaceId, at);
    return removed;
  }

  /**
   * The admin command: registers the workspace and the user when missing,
   * gives the user `role` (closing their sockets with 4409 if it changed),
   * and returns a token.
   */
  async mintToken(input: { workspaceId: string; email: string; role: RelayRole }): Promise<string> {
    const { accounts, workspaces } = this.deps;
    const now = this.now();
    const user = await accounts.ensureUser(normalizeEmail(input.email), newId(), now);
    const previous = await workspaces.transaction(async (tx) => {
      await this.refuseErased(tx, input.workspaceId);
      if (!(await tx.exists(input.workspaceId))) await tx.insertWorkspace(input.workspaceId, user.id, now);
      const role = await tx.roleOf(input.workspaceId, user.id);
      if (role !== input.role) await tx.putMember(input.workspaceId, user.id, input.role, now);
      return role;
    });
    if (previous !== null && previous !== input.role) this.deps.listener.roleChanged(input.workspaceId, user.id);
    return this.sign(user, input.workspaceId, input.role).token;
  }

  /** Throws `WorkspaceErasedError` when `workspaceId` was erased from the relay (its tombstone). */
  private async refuseErased(store: WorkspaceStore, workspaceId: string): Promise<void> {
    const erasedAt = await store.erasedAt(workspaceId);
    if (erasedAt !== null) throw new WorkspaceErasedError(workspaceId, erasedAt);
  }

  private async revokeInvitationsOf(tx: WorkspaceStore, workspaceId: string, userId: string): Promise<void> {
    const revoked = await tx.revokeInvitationsBy(workspaceId, userId, this.now());
    if (revoked > 0) this.deps.logger('info', 'invitations.revoked_with_author', { workspaceId, userId, revoked });
  }

  private async targetRole(tx: WorkspaceStore, workspaceId: string, targetUserId: string): Promise<RelayRole> {
    const role = await tx.roleOf(workspaceId, targetUserId);
    if (!role) throw new RelayNotFoundError(`No member ${targetUserId} in ${workspaceId}.`);
    return role;
  }

  private sign(user: RelayUser, workspaceId: string, role: RelayRole, deviceId?: string): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const claims: RelayTokenClaims = { v: 1, sub: user.id, email: user.email, ws: workspaceId, role, iat, exp: iat + this.deps.tokenTtlSeconds };
    if (deviceId !== undefined) claims.did = deviceId;
    return { token: signRelayToken(claims, this.deps.secret), expiresAt: new Date(claims.exp * 1000).toISOString(), role };
  }
}
