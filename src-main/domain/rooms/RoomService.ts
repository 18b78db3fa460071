/**
 * Rooms of a workspace: channels (public or private) and DMs, their topic,
 * archive state and members, in the `meta` doc's rooms list (format in
 * storage/rooms/metaRoomsFormat.ts); mute is a local preference.
 */
import * as Y from 'yjs';
import { ConflictError, NotFoundError, ValidationError } from '../../common/AppError';
import type { Member, Room, RoomKind } from '../../common/contract';
import { writeMemberRecord, writeRoomFields, writeRoomMember, writeRoomRecord, type MemberRecord, type RoomRecord } from '../../storage/rooms/metaRoomsFormat';
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
      const same = this.ctx.visibleRooms(ws).find((r) => r.kind === 'dm' && !r.archived && sameSet(r.members, members));
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
    this.setMember(ws, roomId, this.ctx.userId, false);
    // Leaving a private room hides it: describe it from what was known.
    return room.private ? { ...describeRoom(this.ctx, ws, { ...room, members: room.members.filter((id) => id !== this.ctx.userId) }), joined: false } : this.get(workspaceId, roomId);
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
    if (memberId === this.ctx.userId) return this.leave(workspaceId, roomId);
    this.setMember(ws, roomId, memberId, false);
    return this.get(workspaceId, roomId);
  }

  /** Writes (or refreshes) the local user's entry in `meta.members` of an open workspace, if it changed. */
  ensureSelfMember(handle: WorkspaceHandle): void {
    // Opening a workspace must not decode its meta doc: the members projection
    // (fresh once the handle is open) tells whether the entry is already right.
    const projected = this.ctx.forHandle(handle).rooms.getMember(this.ctx.userId);
    if (projected && sameMember(projected, this.ctx.selfMember(projected.joinedAt))) return;
    const members = handle.docs.doc('meta').getMap('members');
    const existing = members.get(this.ctx.userId) as Record<string, unknown> | undefined;
    const joinedAt = typeof existing?.joinedAt === 'number' ? existing.joinedAt : this.ctx.deps.now();
    const wanted = writeMemberRecord(this.ctx.selfMember(joinedAt));
    if (existing && Object.entries(wanted).every(([k, v]) => existing[k] === v)) return;
    handle.docs.transact('meta', txOrigin('system', 'profile'), (doc) => doc.getMap('members').set(this.ctx.userId, wanted));
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
    const stranger = ids.find((id) => id !== this.ctx.userId && !known.has(id));
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

function sameMember(a: MemberRecord, b: MemberRecord): boolean {
  return a.kind === b.kind && a.displayName === b.displayName && a.email === b.email && a.joinedAt === b.joinedAt;
}
