/**
 * Members, roles and invitations of a workspace, from the app and the CLI.
 * A synced workspace's members and built-in roles are the relay's (its
 * accounts database decides, and closes sockets on a change); names come
 * from the workspace's own member list (`meta.members`, by email) and a
 * guest's expiry from the governance doc. A local-only workspace has one
 * person, its owner, and no invitations: solo means that.
 */
import type { MemberList, MemberStanding, PendingInvitation, WorkspaceMember } from '../../common/contract/memberChannels';
import { isBuiltinRole, isManagerRole, type BuiltinRole } from '../../common/governance/permissions';
import { ForbiddenError, ValidationError } from '../../common/AppError';
import { readMemberRecord } from '../../storage/rooms/metaRoomsFormat';
import { RelayMembersApi, type RelayInvitationView } from '../../sync/RelayMembersApi';
import type { RelayAccountService } from '../RelayAccountService';
import type { WorkspaceService } from '../WorkspaceService';
import type { GovernanceService } from './GovernanceService';

/** Dependencies of `MemberService`. */
export interface MemberServiceDeps {
  workspaces: WorkspaceService;
  relays: RelayAccountService;
  governance: GovernanceService;
  /** The relay a workspace is linked to, or null when local-only. */
  relayOf: (workspaceId: string) => string | null;
  me: () => { userId: string; displayName: string; email: string };
  now: () => number;
  /** Members, roles or invitations of a workspace changed from here. */
  changed: (workspaceId: string) => void;
}

export class MemberService {
  constructor(private readonly deps: MemberServiceDeps) {}

  /** The members of `workspaceId`, with roles, names and guest expiry. */
  async list(workspaceId: string): Promise<MemberList> {
    this.deps.workspaces.get(workspaceId);
    const relayUrl = this.deps.relayOf(workspaceId);
    if (!relayUrl) {
      const me = this.deps.me();
      return { solo: true, canManage: true, members: [{ userId: me.userId, email: me.email, displayName: me.displayName, role: 'owner', customRole: null, expiresAt: null, you: true }] };
    }
    const { api, token } = await this.client(relayUrl);
    const rows = await api.members(token, workspaceId);
    const myAccount = this.deps.relays.account(relayUrl).userId;
    const names = this.namesByEmail(workspaceId);
    const policy = this.deps.governance.policy(workspaceId);
    const members: WorkspaceMember[] = rows.map((row) => ({
      userId: row.userId,
      email: row.email,
      displayName: names.get(row.email.toLowerCase()) ?? row.email,
      role: row.role,
      customRole: customRoleOf(policy.members.get(row.userId)?.role),
      expiresAt: row.role === 'guest' ? (policy.members.get(row.userId)?.expiresAt ?? null) : null,
      you: row.userId === myAccount,
    }));
    const mine = members.find((m) => m.you);
    return { solo: false, canManage: mine !== undefined && isManagerRole(mine.role), members };
  }

  /** Gives `userId` the built-in `role` (owners and admins; only an owner makes or changes an owner, the relay checks). */
  async setRole(workspaceId: string, userId: string, role: BuiltinRole): Promise<MemberList> {
    const relayUrl = this.requireLinked(workspaceId, 'change roles');
    const { api, token } = await this.client(relayUrl);
    await api.setRole(token, workspaceId, userId, role);
    this.deps.changed(workspaceId);
    return this.list(workspaceId);
  }

  /** Sets (or, with null, clears) when a guest's access ends. */
  async setExpiry(workspaceId: string, userId: string, expiresAt: number | null): Promise<MemberList> {
    this.requireLinked(workspaceId, 'set a guest expiry');
    const target = (await this.list(workspaceId)).members.find((m) => m.userId === userId);
    if (!target) throw new ValidationError('That person is not a member of this workspace.');
    if (target.role !== 'guest') throw new ValidationError('Only a guest has an expiry date; make them a guest first.');
    if (expiresAt !== null && expiresAt <= this.deps.now()) throw new ValidationError('Pick an expiry date in the future.');
    this.deps.governance.setMemberPolicy(workspaceId, userId, { role: 'guest', expiresAt });
    this.deps.changed(workspaceId);
    return this.list(workspaceId);
  }

  /** Removes `userId` from the workspace (or leaves it, for oneself): their sockets close at once on the relay. */
  async remove(workspaceId: string, userId: string): Promise<MemberList> {
    const relayUrl = this.requireLinked(workspaceId, 'remove people');
    const { api, token } = await this.client(relayUrl);
    await api.remove(token, workspaceId, userId);
    if (isManagerRole(this.deps.governance.myRole(workspaceId)) && this.deps.governance.policy(workspaceId).members.has(userId)) {
      this.deps.governance.forgetMember(workspaceId, userId);
    }
    this.deps.changed(workspaceId);
    return this.list(workspaceId);
  }

  /** What the local person may do in `workspaceId`. */
  standing(workspaceId: string): MemberStanding {
    this.deps.workspaces.get(workspaceId);
    const standing = this.deps.governance.standing(workspaceId, this.deps.me().userId);
    return { role: standing.role, readOnly: standing.role === 'guest' || standing.expired, expiresAt: standing.expiresAt };
  }

  /** The invitations of `workspaceId`, newest first (owners and admins); none for a local-only workspace. */
  async invitations(workspaceId: string): Promise<PendingInvitation[]> {
    this.deps.workspaces.get(workspaceId);
    const relayUrl = this.deps.relayOf(workspaceId);
    if (!relayUrl) return [];
    if (!isManagerRole(this.deps.governance.myRole(workspaceId))) throw new ForbiddenError('Only owners and admins see the invitations; ask one of them.');
    const { api, token } = await this.client(relayUrl);
    return (await api.invitations(token, workspaceId)).map((i) => this.view(i)).reverse();
  }

  /** Revokes a pending invitation. */
  async revokeInvitation(workspaceId: string, invitationId: string): Promise<PendingInvitation[]> {
    const relayUrl = this.requireLinked(workspaceId, 'revoke invitations');
    const { api, token } = await this.client(relayUrl);
    await api.revokeInvitation(token, workspaceId, invitationId);
    this.deps.changed(workspaceId);
    return this.invitations(workspaceId);
  }

  private view(i: RelayInvitationView): PendingInvitation {
    const state = i.revokedAt ? 'revoked' : i.acceptedAt ? 'accepted' : Date.parse(i.expiresAt) <= this.deps.now() ? 'expired' : 'pending';
    return { id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, state };
  }

  private requireLinked(workspaceId: string, what: string): string {
    this.deps.workspaces.get(workspaceId);
    const relayUrl = this.deps.relayOf(workspaceId);
    if (!relayUrl) throw new ValidationError(`A local-only workspace has one person, its owner. Link it to a relay and invite people before you ${what}.`);
    return relayUrl;
  }

  private async client(relayUrl: string): Promise<{ api: RelayMembersApi; token: string }> {
    return { api: new RelayMembersApi(this.deps.relays.api(relayUrl)), token: await this.deps.relays.deviceToken(relayUrl) };
  }

  private namesByEmail(workspaceId: string): Map<string, string> {
    const names = new Map<string, string>();
    const members = this.deps.workspaces.handle(workspaceId).docs.doc('meta').getMap('members');
    for (const [key, value] of members.entries()) {
      const record = readMemberRecord(key, value);
      if (record?.kind === 'user' && record.email) names.set(record.email.toLowerCase(), record.displayName);
    }
    return names;
  }
}

/** The custom role a governance record names, or null for a built-in one (or none). */
function customRoleOf(role: string | undefined): string | null {
  return role === undefined || isBuiltinRole(role) ? null : role;
}
