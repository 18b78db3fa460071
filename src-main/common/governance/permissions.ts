/**
 * Permissions of a workspace: an action on a resource type (`room.create`,
 * `message.delete:any`), granted by a role, optionally limited to some
 * resources (these rooms, these digital humans). Pure TypeScript shared by
 * the core (GovernanceService) and the relay (its write policies), so both
 * answer the same question the same way.
 *
 * Built-in roles and what they grant:
 * - `owner`: everything (`*`).
 * - `admin`: everything but making or removing owners (the relay's account
 *   rules say who touches an owner; no permission names that).
 * - `member`: the everyday work: create and read rooms, post, use and create
 *   digital humans, import knowledge.
 * - `guest`: reads what they were let into; writes nothing (the relay drops
 *   a guest's updates whatever the roles say).
 * A custom role (governance doc, `roles`) starts from a built-in base and
 * adds grants, so it can never take away what its base gives nor turn a
 * guest into a writer at the relay.
 */
import { z } from 'zod';

/** Every permission the app checks. `dh.tool:<group>` and `connector.use:<id>` take a suffix. */
export const PERMISSIONS = [
  'room.create',
  'room.read:private',
  'room.manage',
  'message.post',
  'message.delete:any',
  'member.invite',
  'member.role',
  'member.remove',
  'dh.create',
  'dh.use',
  'dh.tool',
  'knowledge.import',
  'provider.set',
  'audit.read',
  'export.run',
  'connector.use',
  'governance.write',
] as const;

export type PermissionName = (typeof PERMISSIONS)[number];

/** The built-in roles, most powerful first. */
export const BUILTIN_ROLES = ['owner', 'admin', 'member', 'guest'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

/** A permission (`message.post`, `dh.tool:tasks`, or `*` for all), optionally limited to resource ids. */
export interface Grant {
  permission: string;
  /** Ids of the rooms, digital humans… it is limited to; null for every resource. */
  resources: readonly string[] | null;
}

/** Letters, digits, `.`, `_`, `-`, then an optional `:<qualifier>`; or `*`. */
export const PERMISSION_PATTERN = /^(\*|[a-z][a-z_]*\.[a-z_]+(\*|:[A-Za-z0-9_*-]{1,64})?)$/;

export const permissionSchema = z.string().max(96).regex(PERMISSION_PATTERN, 'A permission looks like "message.post" or "dh.tool:tasks"');

const ALL: readonly Grant[] = [{ permission: '*', resources: null }];
const grants = (...names: string[]): readonly Grant[] => names.map((permission) => ({ permission, resources: null }));

const MEMBER_GRANTS = grants('room.create', 'message.post', 'dh.create', 'dh.use', 'dh.tool', 'knowledge.import', 'export.run', 'connector.use');

/** What each built-in role grants. */
export const BUILTIN_GRANTS: Readonly<Record<BuiltinRole, readonly Grant[]>> = {
  owner: ALL,
  admin: ALL,
  member: MEMBER_GRANTS,
  guest: [],
};

/** Whether `role` is a built-in role name. */
export function isBuiltinRole(role: string): role is BuiltinRole {
  return (BUILTIN_ROLES as readonly string[]).includes(role);
}

/** Whether a role may write the governance doc and manage members (the relay's `governance` rule). */
export function isManagerRole(role: string): boolean {
  return role === 'owner' || role === 'admin';
}

/**
 * Whether `granted` (a grant's permission) covers `wanted`: `*` covers all;
 * `dh.tool` covers `dh.tool:<any group>`; `room.read:private` covers only itself.
 */
export function permissionCovers(granted: string, wanted: string): boolean {
  if (granted === '*' || granted === wanted) return true;
  const colon = wanted.indexOf(':');
  return colon > 0 && granted === wanted.slice(0, colon);
}

/** Whether `list` grants `permission` on `resource` (any resource when `resource` is omitted and a grant is unlimited). */
export function grantsAllow(list: readonly Grant[], permission: string, resource?: string | null): boolean {
  for (const grant of list) {
    if (!permissionCovers(grant.permission, permission)) continue;
    if (grant.resources === null) return true;
    if (resource != null && grant.resources.includes(resource)) return true;
  }
  return false;
}
