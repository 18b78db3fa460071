/**
 * The plain values of the `governance` doc's maps (format and reasons in
 * src-main/storage/governance/governanceDocFormat.ts), as write/read pairs.
 * They live in common/ because the relay reads them too (custom roles, to
 * decide who may delete others' messages); a reader never trusts a peer.
 */
import { ENTITY_ID_PATTERN } from '../ids';
import { BUILTIN_GRANTS, isBuiltinRole, PERMISSION_PATTERN, type BuiltinRole, type Grant } from './permissions';

/** A custom role: a built-in base plus grants. */
export interface RoleRecord {
  id: string;
  name: string;
  base: Exclude<BuiltinRole, 'owner'>;
  grants: Grant[];
  createdAt: number;
  createdBy: string;
}

/** What the governance doc says of one member: a custom role and, for guests, an expiry. */
export interface MemberPolicyRecord {
  /** A built-in role name or the id of a custom role of `roles`. */
  role: string;
  /** After this time (ms) a guest's access ends; null for never. */
  expiresAt: number | null;
  updatedAt: number;
  updatedBy: string;
}

const MAX_GRANTS = 100;
const MAX_RESOURCES = 200;

/** The value to store under `roles[role.id]`. */
export function writeRoleRecord(role: RoleRecord): Record<string, unknown> {
  return {
    id: role.id,
    name: role.name,
    base: role.base,
    grants: role.grants.map((g) => ({ permission: g.permission, resources: g.resources === null ? null : [...g.resources] })),
    createdAt: role.createdAt,
    createdBy: role.createdBy,
  };
}

/** Reads `roles[key]`; null when it is not a well-formed role (a built-in name is never a custom role). */
export function readRoleRecord(key: string, value: unknown): RoleRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || isBuiltinRole(key) || !isPlainObject(value)) return null;
  const base = value.base;
  if (base !== 'admin' && base !== 'member' && base !== 'guest') return null;
  const name = typeof value.name === 'string' ? value.name.replace(/\p{Cc}/gu, ' ').trim().slice(0, 60) : '';
  if (name.length === 0) return null;
  const grants = Array.isArray(value.grants) ? value.grants.slice(0, MAX_GRANTS).map(readGrant).filter((g): g is Grant => g !== null) : [];
  return {
    id: key,
    name,
    base,
    grants,
    createdAt: Number.isSafeInteger(value.createdAt) ? (value.createdAt as number) : 0,
    createdBy: typeof value.createdBy === 'string' && ENTITY_ID_PATTERN.test(value.createdBy) ? value.createdBy : '',
  };
}

/** The value to store under `members[userId]`. */
export function writeMemberPolicy(record: MemberPolicyRecord): Record<string, unknown> {
  return { role: record.role, expiresAt: record.expiresAt, updatedAt: record.updatedAt, updatedBy: record.updatedBy };
}

/** Reads `members[key]`; null when malformed. */
export function readMemberPolicy(key: string, value: unknown): MemberPolicyRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || !isPlainObject(value)) return null;
  if (typeof value.role !== 'string' || !ENTITY_ID_PATTERN.test(value.role)) return null;
  return {
    role: value.role,
    expiresAt: Number.isSafeInteger(value.expiresAt) ? (value.expiresAt as number) : null,
    updatedAt: Number.isSafeInteger(value.updatedAt) ? (value.updatedAt as number) : 0,
    updatedBy: typeof value.updatedBy === 'string' && ENTITY_ID_PATTERN.test(value.updatedBy) ? value.updatedBy : '',
  };
}

/**
 * The grants of someone whose built-in role (the relay's, or the local
 * owner's) is `builtin` and whom the governance doc gives `custom` (or
 * nothing): the base role's grants, plus the custom role's when its base
 * is not above `builtin` (a custom role never lifts a guest to a member).
 */
export function effectiveGrants(builtin: BuiltinRole, custom: RoleRecord | null): readonly Grant[] {
  const own = BUILTIN_GRANTS[builtin];
  if (!custom || rank(custom.base) < rank(builtin)) return own;
  return [...BUILTIN_GRANTS[custom.base], ...custom.grants, ...own];
}

const RANKS: Record<BuiltinRole, number> = { owner: 0, admin: 1, member: 2, guest: 3 };

function rank(role: BuiltinRole): number {
  return RANKS[role];
}

function readGrant(value: unknown): Grant | null {
  if (!isPlainObject(value) || typeof value.permission !== 'string' || !PERMISSION_PATTERN.test(value.permission)) return null;
  if (value.resources === null || value.resources === undefined) return { permission: value.permission, resources: null };
  if (!Array.isArray(value.resources)) return null;
  const resources = value.resources.filter((r): r is string => typeof r === 'string' && ENTITY_ID_PATTERN.test(r)).slice(0, MAX_RESOURCES);
  return { permission: value.permission, resources };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
