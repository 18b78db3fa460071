/**
 * Roles for Settings → Members: the catalog (permissions, built-in grants,
 * custom roles, whether the local person may change them), and the rooms and
 * digital humans a grant can be limited to, with their names. Both load again
 * when members, roles, rooms or digital humans change.
 */
import type { RoleCatalog } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useLiveValue, type LiveValue } from '../../lib/useLiveValue';

/** A room or a digital human a grant can be limited to. */
export interface RoleResource {
  id: string;
  /** `#design` for a room, the name for a digital human. */
  label: string;
}

/** What a grant can be limited to in a workspace. */
export interface RoleResources {
  rooms: RoleResource[];
  dhs: RoleResource[];
}

export function useRoleCatalog(workspaceId: string): LiveValue<RoleCatalog> {
  return useLiveValue({ key: workspaceId, workspaceId, event: 'members.changed', fetch: () => api.invoke('roles.catalog', { workspaceId }), what: 'the roles' });
}

export function useRoleResources(workspaceId: string): LiveValue<RoleResources> {
  return useLiveValue({
    key: workspaceId,
    workspaceId,
    event: 'rooms.changed',
    fetch: async () => {
      const [rooms, dhs] = await Promise.all([api.invoke('room.list', { workspaceId }), api.invoke('dh.list', { workspaceId, includeArchived: false })]);
      return {
        rooms: rooms
          .filter((r) => r.kind === 'channel' && !r.archived)
          .map((r) => ({ id: r.id, label: `#${r.name}` }))
          .sort((a, b) => a.label.localeCompare(b.label)),
        dhs: dhs.map((d) => ({ id: d.id, label: d.name })).sort((a, b) => a.label.localeCompare(b.label)),
      };
    },
    what: 'the rooms and digital humans',
  });
}
