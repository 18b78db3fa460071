/**
 * Projection of the `meta` doc's rooms list and member list into the `rooms`
 * and `members` tables (format in metaRoomsFormat.ts). Follows changes entry
 * by entry: a workspace's meta doc also carries settings and other lists, and
 * a change to one room must not cost a pass over all of them.
 */
import type * as Y from 'yjs';
import { changedRootKeys } from '../changedRootKeys';
import type { SqliteDb } from '../openSqlite';
import type { Projection } from '../ProjectionRunner';
import { readMemberRecord, readRoomRecord } from './metaRoomsFormat';

/** The `meta_rooms` projection: rooms and members of the `meta` doc, applied entry by entry. */
export const metaRoomsProjection: Projection = {
  name: 'meta_rooms',
  version: 1,
  docName: 'meta',
  rebuild(db, doc) {
    db.prepare('DELETE FROM rooms').run();
    db.prepare('DELETE FROM members').run();
    const rooms = doc.getMap('rooms');
    for (const key of rooms.keys()) projectRoom(db, rooms, key);
    const members = doc.getMap('members');
    for (const key of members.keys()) projectMember(db, members, key);
  },
  apply(db, doc, change) {
    const changed = changedRootKeys(doc, change.transaction);
    const rooms = doc.getMap('rooms');
    for (const key of changed.get('rooms') ?? []) projectRoom(db, rooms, key);
    const members = doc.getMap('members');
    for (const key of changed.get('members') ?? []) projectMember(db, members, key);
  },
};

function projectRoom(db: SqliteDb, rooms: Y.Map<unknown>, key: string): void {
  const room = readRoomRecord(key, rooms.get(key));
  if (!room) {
    db.prepare('DELETE FROM rooms WHERE id = ?').run(key);
    return;
  }
  db.prepare(
    `INSERT INTO rooms (id, name, kind, private, topic, archived, created_at, created_by, members)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, private = excluded.private,
       topic = excluded.topic, archived = excluded.archived, created_at = excluded.created_at,
       created_by = excluded.created_by, members = excluded.members`,
  ).run(room.id, room.name, room.kind, room.private ? 1 : 0, room.topic, room.archived ? 1 : 0, room.createdAt, room.createdBy, JSON.stringify(room.members.map((id) => [id, room.joinedAt[id] ?? 0])));
}

function projectMember(db: SqliteDb, members: Y.Map<unknown>, key: string): void {
  const member = readMemberRecord(key, members.get(key));
  if (!member) {
    db.prepare('DELETE FROM members WHERE id = ?').run(key);
    return;
  }
  db.prepare(
    `INSERT INTO members (id, kind, display_name, email, joined_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, display_name = excluded.display_name,
       email = excluded.email, joined_at = excluded.joined_at`,
  ).run(member.id, member.kind, member.displayName, member.email, member.joinedAt);
}
