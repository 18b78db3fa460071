/**
 * Words for a role's grants: a permission's label in the UI language
 * (`message.delete:any` → "Delete anyone's messages"; `dh.tool:tasks` →
 * its base's label with the group), which kind of resource a permission can
 * be limited to, and a grant as a line ("Read private rooms in #a, #b").
 */
import { en, type MessageKey } from '../../lib/i18n/en';
import type { Translate } from '../../lib/i18n/i18n';
import type { RoleResources } from './useRoles';

/** What a grant of `permission` can be limited to: rooms, digital humans, or nothing. */
export function resourceKindOf(permission: string): 'rooms' | 'dhs' | null {
  if (permission.startsWith('room.') || permission.startsWith('message.')) return 'rooms';
  if (permission.startsWith('dh.') || permission.startsWith('knowledge.')) return 'dhs';
  return null;
}

function isKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The label of `permission`, or the permission itself when the app has no words for it. */
export function permissionLabel(t: Translate, permission: string): string {
  const key = `roles.permission.${permission}`;
  if (isKey(key)) return t(key);
  const colon = permission.indexOf(':');
  const base = `roles.permission.${permission.slice(0, colon)}`;
  return colon > 0 && isKey(base) ? `${t(base)} (${permission.slice(colon + 1)})` : permission;
}

/** One grant as a line: its label, and where it applies when limited. */
export function grantText(t: Translate, grant: { permission: string; resources: readonly string[] | null }, resources: RoleResources | null): string {
  const label = permissionLabel(t, grant.permission);
  if (grant.resources === null) return label;
  const names = new Map([...(resources?.rooms ?? []), ...(resources?.dhs ?? [])].map((r) => [r.id, r.label]));
  return t('roles.grant.in', { permission: label, where: grant.resources.map((id) => names.get(id) ?? id).join(', ') });
}
