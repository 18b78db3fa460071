/**
 * Format of the rooms list and the member list in the `meta` doc (write/read
 * pairs; readers never trust what a peer wrote):
 *
 * - `rooms`: Y.Map roomId → Y.Map with `id`, `name`, `kind` ('channel' |
 *   'dm'), `private`, `topic`, `archived`, `createdAt`, `createdBy` and
 *   `members`, a nested Y.Map memberId → joinedAt. Each field is its own key
 *   so a rename and a topic change made at once on two devices both stay.
 * - `members`: Y.Map memberId → `{id, kind ('user' | 'dh'), displayName,
 *   email, joinedAt}`, written by each person's own device when it opens the
 *   workspace (see docs/rooms.md, Identity), plus `aliases` / `aliasOf` once
 *   a person's device is linked to a relay account (memberAliasFormat.ts).
 */
import * as Y from 'yjs';
import { ENTITY_ID_PATTERN } from '../../common/ids';
import { writeAliasFields } from './memberAliasFormat';

/** A room of the rooms list. */
export interface RoomRecord {
  id: string;
  name: string;
  kind: 'channel' | 'dm';
  private: boolean;
  topic: string;
  archived: boolean;
  createdAt: number;
  createdBy: string;
  /** Member ids, in the order they joined. */
  members: string[];
  /** When each member joined (ms); what came before is not unread for them. */
  joinedAt: Record<string, number>;
}

/** A member of the workspace. */
export interface MemberRecord {
  id: string;
  kind: 'user' | 'dh';
  displayName: string;
  email: string;
  joinedAt: number;
  /** Earlier ids of this person (their entries point back with `aliasOf`). */
  aliases?: readonly string[];
}

/** Writes a new room into `rooms` (one Y.Map per room). */
export function writeRoomRecord(rooms: Y.Map<unknown>, room: RoomRecord): void {
  const entry = new Y.Map<unknown>();
  entry.set('id', room.id);
  entry.set('name', room.name);
  entry.set('kind', room.kind);
  entry.set('private', room.private);
  entry.set('topic', room.topic);
  entry.set('archived', room.archived);
  entry.set('createdAt', room.createdAt);
  entry.set('createdBy', room.createdBy);
  const members = new Y.Map<unknown>();
  for (const id of room.members) members.set(id, room.joinedAt[id] ?? room.createdAt);
  entry.set('members', members);
  rooms.set(room.id, entry);
}

/** The fields of a room anyone in it may change; each is its own key, so concurrent changes of two fields both stay. */
export type RoomFieldsPatch = Partial<Pick<RoomRecord, 'name' | 'topic' | 'archived'>>;

/** Writes the fields of `patch` that differ into a room's entry of `rooms`. */
export function writeRoomFields(entry: Y.Map<unknown>, patch: RoomFieldsPatch): void {
  for (const key of ['name', 'topic', 'archived'] as const) {
    const value = patch[key];
    if (value !== undefined && entry.get(key) !== value) entry.set(key, value);
  }
}

/**
 * Adds `memberId` to room `roomId` (joined at `joinedAt`), or removes them
 * (`joinedAt` null). A member already in keeps their first join time.
 * Returns false when `rooms` has no such room.
 */
export function writeRoomMember(rooms: Y.Map<unknown>, roomId: string, memberId: string, joinedAt: number | null): boolean {
  const entry = rooms.get(roomId);
  if (!(entry instanceof Y.Map)) return false;
  let members = entry.get('members');
  if (!(members instanceof Y.Map)) {
    if (joinedAt === null) return true;
    entry.set('members', (members = new Y.Map<unknown>()));
  }
  const map = members as Y.Map<unknown>;
  if (joinedAt !== null && !map.has(memberId)) map.set(memberId, joinedAt);
  if (joinedAt === null && map.has(memberId)) map.delete(memberId);
  return true;
}

/** Reads `rooms[key]`; null when it is not a well-formed room. */
export function readRoomRecord(key: string, value: unknown): RoomRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || !(value instanceof Y.Map)) return null;
  const kind = value.get('kind');
  if (kind !== 'channel' && kind !== 'dm') return null;
  const createdAt = value.get('createdAt');
  const createdBy = value.get('createdBy');
  if (!Number.isSafeInteger(createdAt) || typeof createdBy !== 'string') return null;
  const membersMap = value.get('members');
  const members: { id: string; at: number }[] = [];
  if (membersMap instanceof Y.Map) {
    for (const [id, at] of membersMap.entries()) {
      if (ENTITY_ID_PATTERN.test(id)) members.push({ id, at: Number.isSafeInteger(at) ? (at as number) : 0 });
    }
  }
  members.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return {
    id: key,
    name: cleanLine(value.get('name'), 80),
    kind,
    private: kind === 'dm' || value.get('private') === true,
    topic: cleanLine(value.get('topic'), 250),
    archived: value.get('archived') === true,
    createdAt: createdAt as number,
    createdBy,
    members: members.map((m) => m.id),
    joinedAt: Object.fromEntries(members.map((m) => [m.id, m.at])),
  };
}

/** The value to store under `members[member.id]`. */
export function writeMemberRecord(member: MemberRecord): Record<string, unknown> {
  return { id: member.id, kind: member.kind, displayName: member.displayName, email: member.email, joinedAt: member.joinedAt, ...writeAliasFields(member.aliases ? { aliases: member.aliases } : {}) };
}

/** Reads `members[key]`; null when malformed. */
export function readMemberRecord(key: string, value: unknown): MemberRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return null;
  const v = value as Record<string, unknown>;
  const displayName = cleanLine(v.displayName, 80);
  if (displayName.length === 0) return null;
  return {
    id: key,
    kind: v.kind === 'dh' ? 'dh' : 'user',
    displayName,
    email: cleanLine(v.email, 254),
    joinedAt: Number.isSafeInteger(v.joinedAt) ? (v.joinedAt as number) : 0,
  };
}

/** A string without control characters, trimmed and cut to `max`; '' for anything else. */
function cleanLine(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, max);
}
