/**
 * The facts the relay's per-writer rules read from the workspace's own docs,
 * as the relay holds them: a room's privacy and members (`meta.rooms`,
 * src-main/storage/rooms/metaRoomsFormat.ts), which ids are digital humans
 * (`meta.dhs`), and a member's custom role and guest expiry (`governance`,
 * src-main/storage/governance/governanceDocFormat.ts, read with the shared
 * common/governance readers). Each answer is a few map lookups.
 */
import * as Y from 'yjs';
import { effectiveGrants, readMemberPolicy, readRoleRecord, type MemberPolicyRecord } from '../../src-main/common/governance/governanceRecords';
import { grantsAllow, isBuiltinRole, isManagerRole } from '../../src-main/common/governance/permissions';
import type { RelayRole } from '../../src-main/common/relayWire';
import type { MemberIds } from './MemberIds';

/** The docs of one workspace the rules read (null while not loaded). */
export interface WorkspaceFacts {
  readonly memberIds: MemberIds;
  meta(): Y.Doc | null;
  governance(): Y.Doc | null;
}

/** Who writes or reads, as the relay knows them. */
export interface Actor {
  readonly userId: string;
  readonly role: RelayRole;
  readonly workspaceId: string;
}

/** A room's entry in `meta.rooms`, as far as access goes. */
export interface RoomAccess {
  private: boolean;
  dm: boolean;
  members: Y.Map<unknown> | null;
}

/** The access facts of room `roomId`, or null when `meta` has no such room. */
export function roomAccessOf(meta: Y.Doc, roomId: string): RoomAccess | null {
  const entry = meta.getMap('rooms').get(roomId);
  if (!(entry instanceof Y.Map)) return null;
  const dm = entry.get('kind') === 'dm';
  const members = entry.get('members');
  return { dm, private: dm || entry.get('private') === true, members: members instanceof Y.Map ? members : null };
}

/** Whether one of `actor`'s member ids is in `room`. */
export function isRoomMember(facts: WorkspaceFacts, actor: Actor, room: RoomAccess): boolean {
  if (!room.members) return false;
  for (const id of facts.memberIds.idsOf(actor.workspaceId, actor.userId)) if (room.members.has(id)) return true;
  return false;
}

/**
 * Whether `actor` may read `room/<roomId>`: a public room (or one `meta`
 * does not list yet: it is being created, and the sweep closes readers
 * once its entry says otherwise) to every member; a private room to its
 * members and to those granted `room.read:private`; a DM to its members only.
 */
export function mayReadRoom(facts: WorkspaceFacts, actor: Actor, roomId: string): boolean {
  const meta = facts.meta();
  if (!meta) return false;
  const room = roomAccessOf(meta, roomId);
  if (!room || !room.private) return true;
  if (isRoomMember(facts, actor, room)) return true;
  return !room.dm && actorCan(facts, actor, 'room.read:private', roomId);
}

/** Whether `id` is a digital human of the workspace (`meta.dhs`). */
export function isDigitalHuman(facts: WorkspaceFacts, id: string): boolean {
  return facts.meta()?.getMap('dhs').has(id) ?? false;
}

/**
 * Whether `actor` holds `permission` (on `resource`): their relay role's
 * grants plus those of a custom role the governance doc gives one of their
 * member ids; nothing for a guest whose access has expired.
 */
export function actorCan(facts: WorkspaceFacts, actor: Actor, permission: string, resource?: string | null): boolean {
  if (isManagerRole(actor.role)) return true;
  const record = memberPolicyOf(facts, actor);
  if (record && guestExpired(actor, record)) return false;
  const custom = record && !isBuiltinRole(record.role) ? readRoleRecord(record.role, facts.governance()?.getMap('roles').get(record.role)) : null;
  return grantsAllow(effectiveGrants(actor.role, custom), permission, resource);
}

/** Whether `actor` is a guest whose access, as the held governance doc says, has ended. */
export function guestAccessEnded(facts: WorkspaceFacts, actor: Actor, now = Date.now()): boolean {
  if (actor.role !== 'guest') return false;
  const record = memberPolicyOf(facts, actor);
  return record !== null && guestExpired(actor, record, now);
}

function guestExpired(actor: Actor, record: MemberPolicyRecord, now = Date.now()): boolean {
  return actor.role === 'guest' && record.expiresAt !== null && record.expiresAt <= now;
}

/** What the governance doc says of one of `actor`'s member ids (the first that has a record). */
function memberPolicyOf(facts: WorkspaceFacts, actor: Actor): MemberPolicyRecord | null {
  const members = facts.governance()?.getMap('members');
  if (!members || members.size === 0) return null;
  for (const id of facts.memberIds.idsOf(actor.workspaceId, actor.userId)) {
    const record = readMemberPolicy(id, members.get(id));
    if (record) return record;
  }
  return null;
}
