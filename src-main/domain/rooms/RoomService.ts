/**
 * Rooms of a workspace: channels (public or private) and DMs, their topic,
 * archive state and members, in the `meta` doc's rooms list (format in
 * storage/rooms/metaRoomsFormat.ts); mute is a local preference.
 */
import * as Y from 'yjs';
import { ConflictError, NotFoundError, ValidationError } from '../../common/AppError';
import { ENTITY_ID_PATTERN } from '../../common/ids';
import type { Member, Room, RoomKind } from '../../common/contract';
import { writeMemberRecord, writeRoomFields, writeRoomMember, writeRoomRecord, type MemberRecord, type RoomRecord } from '../../storage/rooms/metaRoomsFormat';
import { writeAliasFields } from '../../storage/rooms/memberAliasFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import { describeRoom } from './describeRoom';
import type { RoomsContext, RoomsWorkspace } from './RoomsContext';

export interface CreateRoomInput {
  name?: string | undefined;
  kind: RoomKind;
  private?: boolean | undefined;
  topic?: string | undefined;
  memberIds?: string[] | undefined;
}

export interface RoomPatch {
  name?: string | undefined;
  topic?: string | undefined;
  archived?: boolean | undefined;
}

export class RoomService {
  constructor(private readonly ctx: RoomsContext) {}

  /** Rooms the local user can see, channels by name then DMs by latest activity. */
  list(workspaceId: string): Room[] {
    const ws = this.ctx.workspace(workspaceId);
    const visible = this.ctx.visibleRooms(ws);
    // Rebuilds (rare) write: do them before the read transaction.
    for (const room of visible) this.ctx.freshRoom(ws, room.id);
    const rooms = ws.rooms.read(() => visible.map((r) => describeRoom(this.ctx, ws, r)));
    return rooms.sort((a, b) =>
      a.kind !== b.kind ? (a.kind === 'channel' ? -1 : 1) : a.kind === 'channel' ? a.name.localeCompare(b.name) : (b.lastMessageAt ?? b.createdAt) - (a.lastMessageAt ?? a.createdAt),
    );
  }

  /** One room, described for the local user. */
  get(workspaceId: string, roomId: string): Room {
    const ws = this.ctx.workspace(workspaceId);
    return describeRoom(this.ctx, ws, this.ctx.room(ws, roomId));
  }

  /** Everyone in the workspace. */
  members(workspaceId: string): Member[] {
    return this.ctx.members(this.ctx.workspace(workspaceId)).list;
  }

  create(workspaceId: string, input: CreateRoomInput): Room {
    const ws = this.ctx.workspace(workspaceId);
    const me = this.ctx.userId;
    const members = [...new Set([me, ...(input.memberIds ?? [])])];
    this.assertWorkspaceMembers(ws, members);
    if (input.kind === 'dm') {
      // A DM started under an earlier id of the local person is the same DM.
      const same = this.ctx.visibleRooms(ws).find((r) => r.kind === 'dm' && !r.archived && sameSet(r.members.map((id) => (this.ctx.isMe(ws, id) ? me : id)), members));
      if (same) return describeRoom(this.ctx, ws, same);
    } else {
      this.assertNameFree(ws, input.name ?? '', null);
    }
    const now = this.ctx.deps.now();
    const room: RoomRecord = {
      id: this.ctx.deps.newId(),
      name: input.name ?? '',
      kind: input.kind,
      private: input.kind === 'dm' || input.private === true,
      topic: input.topic ?? '',
      archived: false,
      createdAt: now,
      createdBy: me,
      members,
      joinedAt: Object.fromEntries(members.map((id) => [id, now])),
    };
    ws.handle.docs.transact('meta', txOrigin('local', me), (doc) => writeRoomRecord(doc.getMap('rooms'), room));
    return this.get(workspaceId, room.id);
  }

  update(workspaceId: string, roomId: string, patch: RoomPatch): Room {
    const ws = this.ctx.workspace(workspaceId);
    const room = this.ctx.room(ws, roomId);
    if (patch.name !== undefined) {
      if (room.kind === 'dm') throw new ValidationError('A direct message has no name to change');
      this.assertNameFree(ws, patch.name, room.id);
    }
    this.writeRoom(ws, roomId, (entry) => writeRoomFields(entry, patch));
    return this.get(workspaceId, roomId);
  }

  /** Mutes or unmutes a room on this device. */
  setMuted(workspaceId: string, roomId: string, muted: boolean): Room {
    const ws = this.ctx.workspace(workspaceId);
    this.ctx.room(ws, roomId);
    ws.rooms.setMuted(roomId, muted);
    return this.get(workspaceId, roomId);
  }

  /** Joins a public channel (a private room or DM needs a member to add you). */
  join(workspaceId: string, roomId: string): Room {
    const ws = this.ctx.workspace(workspaceId);
    const room = this.ctx.room(ws, roomId);
    if (room.archived) throw new ValidationError('This room is archived');
    this.setMember(ws, roomId, this.ctx.userId, true);
    return this.get(workspaceId, roomId);
  }

  leave(workspaceId: string, roomId: string): Room {
    const ws = this.ctx.workspace(workspaceId);
    const room = this.ctx.room(ws, roomId);
    // Every id of the local person leaves (one joined before their account was linked included).
    const mine = room.members.filter((id) => this.ctx.isMe(ws, id));
    this.writeRoom(ws, roomId, (_entry, rooms) => {
      for (const id of mine.length > 0 ? mine : [this.ctx.userId]) writeRoomMember(rooms, roomId, id, null);
    });
    // Leaving a private room hides it: describe it from what was known.
    return room.private ? { ...describeRoom(this.ctx, ws, { ...room, members: room.members.filter((id) => !this.ctx.isMe(ws, id)) }), joined: false } : this.get(workspaceId, roomId);
  }

  addMember(workspaceId: string, roomId: string, memberId: string): Room {
    const ws = this.ctx.workspace(workspaceId);
    const room = this.ctx.room(ws, roomId);
    if (room.archived) throw new ValidationError('This room is archived');
    this.assertWorkspaceMembers(ws, [memberId]);
    this.setMember(ws, roomId, memberId, true);
    return this.get(workspaceId, roomId);
  }

  removeMember(workspaceId: string, roomId: string, memberId: string): Room {
    const ws = this.ctx.workspace(workspaceId);
    const room = this.ctx.room(ws, roomId);
    if (!room.members.includes(memberId)) throw new NotFoundError('That person is not in this room');
    if (this.ctx.isMe(ws, memberId)) return this.leave(workspaceId, roomId);
    this.setMember(ws, roomId, memberId, false);
    return this.get(workspaceId, roomId);
  }

  /**
   * Writes (or refreshes) the local user's entry in `meta.members` of an open workspace, if it changed. Once the
   * profile is linked to a relay account, the entry lists the earlier ids that have an entry here, and those point
   * back (memberAliasFormat.ts); another device of the same person may have listed its own: they are kept.
   */
  ensureSelfMember(handle: WorkspaceHandle): void {
    // Opening a workspace must not decode its meta doc when nothing can be missing: the members projection
    // (fresh once the handle is open) tells whether the entry is already right. A linked profile checks its aliases.
    const projected = this.ctx.forHandle(handle).rooms.getMember(this.ctx.userId);
    const linked = this.ctx.localAliases.length > 0;
    if (!linked && projected && sameMember(projected, this.ctx.selfMember(projected.joinedAt))) return;
    const members = handle.docs.doc('meta').getMap('members');
    const me = this.ctx.userId;
    const existing = plainEntry(members.get(me));
    const joinedAt = typeof existing?.joinedAt === 'number' ? existing.joinedAt : this.ctx.deps.now();
    const here = this.ctx.localAliases.filter((alias) => plainEntry(members.get(alias)) !== null);
    const known = Array.isArray(existing?.aliases) ? existing.aliases.filter((id): id is string => typeof id === 'string' && ENTITY_ID_PATTERN.test(id)) : [];
    const aliases = [...new Set([...known, ...here])];
    const { aliases: _unused, ...self } = this.ctx.selfMember(joinedAt);
    const wanted = writeMemberRecord(aliases.length > 0 ? { ...self, aliases } : self);
    const pointers = here.flatMap((alias) => {
      const entry = plainEntry(members.get(alias))!;
      return entry.aliasOf === me ? [] : [[alias, { ...entry, ...writeAliasFields({ aliasOf: me }) }] as const];
    });
    const same = existing !== null && Object.entries(wanted).every(([k, v]) => JSON.stringify(existing[k]) === JSON.stringify(v));
    if (same && pointers.length === 0) return;
    handle.docs.transact('meta', txOrigin('system', 'profile'), (doc) => {
      const map = doc.getMap('members');
      if (!same) map.set(me, wanted);
      for (const [alias, entry] of pointers) map.set(alias, entry);
    });
  }

  private setMember(ws: RoomsWorkspace, roomId: string, memberId: string, present: boolean): void {
    this.writeRoom(ws, roomId, (_entry, rooms) => writeRoomMember(rooms, roomId, memberId, present ? this.ctx.deps.now() : null));
  }

  private writeRoom(ws: RoomsWorkspace, roomId: string, change: (entry: Y.Map<unknown>, rooms: Y.Map<unknown>) => void): void {
    // Checked before the transaction: a throw inside one would make DocManager reload the doc.
    const rooms = ws.handle.docs.doc('meta').getMap('rooms');
    const entry = rooms.get(roomId);
    if (!(entry instanceof Y.Map)) throw new NotFoundError('No such room in this workspace');
    ws.handle.docs.transact('meta', txOrigin('local', this.ctx.userId), () => change(entry as Y.Map<unknown>, rooms));
  }

  private assertWorkspaceMembers(ws: RoomsWorkspace, ids: readonly string[]): void {
    const known = this.ctx.members(ws).byId;
    const stranger = ids.find((id) => !this.ctx.isMe(ws, id) && !known.has(id));
    if (stranger !== undefined) throw new ValidationError(`${stranger} is not a member of this workspace`);
  }

  private assertNameFree(ws: RoomsWorkspace, name: string, except: string | null): void {
    const taken = ws.rooms.listRooms().some((r) => r.kind === 'channel' && r.id !== except && r.name === name);
    if (taken) throw new ConflictError(`A channel named #${name} already exists`);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** A member entry as the plain object it should be, or null. */
function plainEntry(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !(value instanceof Y.AbstractType) ? (value as Record<string, unknown>) : null;
}

function sameMember(a: MemberRecord, b: MemberRecord): boolean {
  return a.kind === b.kind && a.displayName === b.displayName && a.email === b.email && a.joinedAt === b.joinedAt;
}
