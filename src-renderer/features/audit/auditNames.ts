/**
 * Names for the audit trail: entries hold ids (of members, digital humans,
 * rooms); the screen shows who and where. An id this device does not know
 * (a deleted DH, a room never synced here) stays as it is.
 */
import type { DigitalHuman, Member, Room } from '../../../src-main/common/contract';

export interface AuditNames {
  /** Member or DH id → display name (archived DHs marked by the caller). */
  actors: ReadonlyMap<string, string>;
  /** Room id → "#channel", or the names of a direct conversation's members. */
  rooms: ReadonlyMap<string, string>;
}

/** Builds the lookup from what the workspace lists; a DH's profile name wins over its member entry. */
export function auditNames(members: readonly Member[], dhs: readonly DigitalHuman[], rooms: readonly Room[], archivedLabel: (name: string) => string): AuditNames {
  const actors = new Map<string, string>();
  for (const m of members) actors.set(m.id, m.displayName);
  for (const dh of dhs) actors.set(dh.id, dh.archived ? archivedLabel(dh.name) : dh.name);
  const roomNames = new Map<string, string>();
  for (const r of rooms) {
    const dmName = r.memberIds.map((id) => actors.get(id) ?? id).join(', ');
    roomNames.set(r.id, r.kind === 'channel' ? `#${r.name}` : r.name || dmName);
  }
  return { actors, rooms: roomNames };
}

/**
 * A resource path with the ids it names replaced by names:
 * `room/<id>` → `room/#launch`, `dh/<id>/memories` → `dh/Philippe/memories`.
 */
export function describeResource(resource: string, names: AuditNames): string {
  const parts = resource.split('/');
  return parts
    .map((part, i) => {
      const kind = parts[i - 1];
      if (kind === 'room') return names.rooms.get(part) ?? part;
      if (kind === 'dh') return names.actors.get(part) ?? part;
      return part;
    })
    .join('/');
}
