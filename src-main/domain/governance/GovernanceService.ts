/**
 * Who may do what in a workspace: `can(workspaceId, userId, permission,
 * resource?)`, answered from the built-in role (the relay's for a synced
 * workspace, owner for the one person of a local-only one) refined by the
 * synced `governance` doc (custom roles, guest expiry; format in
 * storage/governance/governanceDocFormat.ts). The same grants decide at the
 * relay (sync-server/policy/), so the app never offers what the relay
 * would refuse; the relay stays the guard, this is the courtesy.
 */
import { effectiveGrants, type MemberPolicyRecord, type RoleRecord } from '../../common/governance/governanceRecords';
import { grantsAllow, isBuiltinRole, isManagerRole, type BuiltinRole } from '../../common/governance/permissions';
import { ForbiddenError, ValidationError } from '../../common/AppError';
import { GOVERNANCE_DOC, putMemberPolicy, putRole, readGovernance, type GovernancePolicy } from '../../storage/governance/governanceDocFormat';
import type * as Y from 'yjs';
import { txOrigin } from '../../sync/TxOrigin';
import type { WorkspaceService } from '../WorkspaceService';

/** Dependencies of `GovernanceService`. */
export interface GovernanceDeps {
  workspaces: WorkspaceService;
  /** This device's user id. */
  userId: () => string;
  /** Every id of the local person in `workspaceId` (profile id, relay account id): the governance doc keys members by the relay's. */
  myIds?: (workspaceId: string) => readonly string[];
  /** This device's role on the relay for a linked workspace; null when local-only. */
  linkRole: (workspaceId: string) => BuiltinRole | null;
  now: () => number;
}

/** Someone's standing in a workspace, as this device knows it. */
export interface MemberStanding {
  role: BuiltinRole;
  customRole: RoleRecord | null;
  expiresAt: number | null;
  expired: boolean;
}

export class GovernanceService {
  constructor(private readonly deps: GovernanceDeps) {}

  /** What the governance doc of `workspaceId` says. */
  policy(workspaceId: string): GovernancePolicy {
    return readGovernance(this.deps.workspaces.handle(workspaceId).docs.doc(GOVERNANCE_DOC));
  }

  /** `userId`'s built-in role, custom role and expiry in `workspaceId`. */
  standing(workspaceId: string, userId: string, policy = this.policy(workspaceId)): MemberStanding {
    const ids = userId === this.deps.userId() ? (this.deps.myIds?.(workspaceId) ?? [userId]) : [userId];
    const record = ids.map((id) => policy.members.get(id)).find((r) => r !== undefined) ?? null;
    const role = this.builtinRole(workspaceId, userId, record);
    const customRole = record && !isBuiltinRole(record.role) ? (policy.roles.get(record.role) ?? null) : null;
    const expiresAt = role === 'guest' || customRole?.base === 'guest' ? (record?.expiresAt ?? null) : null;
    return { role, customRole, expiresAt, expired: expiresAt !== null && expiresAt <= this.deps.now() };
  }

  /** Whether `userId` may do `permission` (on `resource`, a room or digital human id) in `workspaceId`. */
  can(workspaceId: string, userId: string, permission: string, resource?: string | null): boolean {
    const standing = this.standing(workspaceId, userId);
    if (standing.expired) return false;
    return grantsAllow(effectiveGrants(standing.role, standing.customRole), permission, resource);
  }

  /** Throws `ForbiddenError` (with what to do) unless the local user may do `permission`. */
  require(workspaceId: string, permission: string, resource?: string | null): void {
    if (!this.can(workspaceId, this.deps.userId(), permission, resource)) {
      throw new ForbiddenError(`Your role in this workspace does not allow ${permission}; ask an owner or admin.`);
    }
  }

  /** Records `userId`'s role (built-in name or custom role id) and guest expiry in the governance doc (owners and admins). */
  setMemberPolicy(workspaceId: string, userId: string, input: { role: string; expiresAt: number | null }): void {
    this.requireManager(workspaceId);
    const policy = this.policy(workspaceId);
    if (!isBuiltinRole(input.role) && !policy.roles.has(input.role)) throw new ValidationError(`No role ${input.role} in this workspace.`);
    const record: MemberPolicyRecord = { role: input.role, expiresAt: input.expiresAt, updatedAt: this.deps.now(), updatedBy: this.deps.userId() };
    this.write(workspaceId, (doc) => putMemberPolicy(doc, userId, record));
  }

  /** Forgets what the governance doc says of `userId` (after they leave or are removed). */
  forgetMember(workspaceId: string, userId: string): void {
    this.requireManager(workspaceId);
    if (this.policy(workspaceId).members.has(userId)) this.write(workspaceId, (doc) => putMemberPolicy(doc, userId, null));
  }

  /** The custom roles of `workspaceId`, by name. */
  roles(workspaceId: string): RoleRecord[] {
    return [...this.policy(workspaceId).roles.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Gives `userId` the custom role `roleId`, or takes it back (null); a guest keeps their end date (owners and admins). */
  assignRole(workspaceId: string, userId: string, roleId: string | null): void {
    this.requireManager(workspaceId);
    const current = this.policy(workspaceId).members.get(userId) ?? null;
    const expiresAt = current?.expiresAt ?? null;
    if (roleId !== null) this.setMemberPolicy(workspaceId, userId, { role: roleId, expiresAt });
    else if (expiresAt !== null) this.setMemberPolicy(workspaceId, userId, { role: 'guest', expiresAt });
    else if (current) this.forgetMember(workspaceId, userId);
  }

  /** Creates or replaces a custom role (owners and admins). */
  defineRole(workspaceId: string, role: Omit<RoleRecord, 'createdAt' | 'createdBy'>): RoleRecord {
    this.requireManager(workspaceId);
    const record: RoleRecord = { ...role, createdAt: this.deps.now(), createdBy: this.deps.userId() };
    this.write(workspaceId, (doc) => putRole(doc, record));
    return record;
  }

  private requireManager(workspaceId: string): void {
    const role = this.builtinRole(workspaceId, this.deps.userId(), null);
    if (!isManagerRole(role)) throw new ForbiddenError('Only owners and admins change roles and policies; ask one of them.');
  }

  /** The local person's built-in role: the relay's for a synced workspace, owner of a local-only one. */
  myRole(workspaceId: string): BuiltinRole {
    return this.builtinRole(workspaceId, this.deps.userId(), null);
  }

  private builtinRole(workspaceId: string, userId: string, record: MemberPolicyRecord | null): BuiltinRole {
    if (userId === this.deps.userId()) return this.deps.linkRole(workspaceId) ?? 'owner';
    if (record && isBuiltinRole(record.role)) return record.role;
    return 'member';
  }

  private write(workspaceId: string, change: (doc: Y.Doc) => void): void {
    this.deps.workspaces.handle(workspaceId).docs.transact(GOVERNANCE_DOC, txOrigin('local', this.deps.userId()), change);
  }
}
