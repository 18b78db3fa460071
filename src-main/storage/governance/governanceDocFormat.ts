/**
 * Format of the workspace's `governance` doc: who may do what. It is its
 * own doc, not part of `meta`, because the relay lets only owners and admins
 * write it (sync-server/policy/docPolicies.ts): a member can write `meta`
 * (rooms, profiles) but can never grant themselves a permission. Every
 * value is a plain JSON record replaced whole (write/read pairs in
 * src-main/common/governance/governanceRecords.ts, shared with the relay;
 * readers never trust a peer, even an admin's device may be out of date):
 *
 * - `roles`: Y.Map roleId → `{id, name, base ('admin' | 'member' | 'guest'),
 *   grants: [{permission, resources: string[] | null}], createdAt,
 *   createdBy}`: the custom roles. Built-in roles (owner, admin, member,
 *   guest) are not stored: their grants are code (common/governance/
 *   permissions.ts), so every device and the relay agree on them without
 *   syncing anything, and a damaged doc cannot strip an owner. A custom
 *   role adds grants to its base; one record per role so two admins
 *   editing two roles at once both keep their change.
 * - `members`: Y.Map userId → `{role, expiresAt, updatedAt, updatedBy}`:
 *   per member, a custom role id (or a built-in name) and, for a guest, when
 *   access ends. Keyed by member so concurrent changes to two people never
 *   collide. The built-in role of record of a synced workspace is the
 *   relay's (its token carries it); a local-only workspace has one person,
 *   its owner. This map only refines: it never makes someone more than the
 *   relay says they are.
 *
 * The doc is open to more root maps: another feature adds its own (e.g.
 * `quotas`) by declaring it in its module, and the relay's rule covers
 * every root map of the doc alike (owners and admins write, all read),
 * except `consents` (consentDocFormat.ts), where each member writes their
 * own entry and nobody else's (sync-server/policy/checkGovernanceUpdate.ts).
 * Room membership stays in `meta.rooms` (metaRoomsFormat.ts), where rooms
 * live; the relay guards those entries of private rooms (checkMetaUpdate).
 */
import type * as Y from 'yjs';
import { readMemberPolicy, readRoleRecord, writeMemberPolicy, writeRoleRecord, type MemberPolicyRecord, type RoleRecord } from '../../common/governance/governanceRecords';

/** The name of the doc. */
export const GOVERNANCE_DOC = 'governance';

/** The root maps this feature writes (other features add theirs). */
export const GOVERNANCE_DOC_MAPS = ['roles', 'members'] as const;

/** What the governance doc says, read once. */
export interface GovernancePolicy {
  roles: Map<string, RoleRecord>;
  members: Map<string, MemberPolicyRecord>;
}

/** Reads the roles and member records of `doc`, dropping what is malformed. */
export function readGovernance(doc: Y.Doc): GovernancePolicy {
  const roles = new Map<string, RoleRecord>();
  for (const [key, value] of doc.getMap('roles').entries()) {
    const role = readRoleRecord(key, value);
    if (role) roles.set(key, role);
  }
  const members = new Map<string, MemberPolicyRecord>();
  for (const [key, value] of doc.getMap('members').entries()) {
    const member = readMemberPolicy(key, value);
    if (member) members.set(key, member);
  }
  return { roles, members };
}

/** Writes (or replaces) a custom role. */
export function putRole(doc: Y.Doc, role: RoleRecord): void {
  doc.getMap('roles').set(role.id, writeRoleRecord(role));
}

/** Removes a custom role (members who had it fall back to their built-in role). */
export function deleteRole(doc: Y.Doc, roleId: string): void {
  doc.getMap('roles').delete(roleId);
}

/** Writes (or, with null, removes) what the governance doc says of `userId`. */
export function putMemberPolicy(doc: Y.Doc, userId: string, record: MemberPolicyRecord | null): void {
  const members = doc.getMap('members');
  if (record === null) members.delete(userId);
  else members.set(userId, writeMemberPolicy(record));
}
