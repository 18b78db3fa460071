/**
 * What the rooms services share: the open workspace and its queries, who
 * "I" am, the clock and ids, the member directory, and the rules of who may
 * see a room.
 */
import { NotFoundError } from '../../common/AppError';
import type { Profile } from '../../common/contract';
import type { MemberRecord, RoomRecord } from '../../storage/rooms/metaRoomsFormat';
import { readMemberAliases } from '../../storage/rooms/memberAliasFormat';
import { MessageQueries } from '../../storage/rooms/MessageQueries';
import { roomDocName } from '../../storage/rooms/roomDocFormat';
import { RoomQueries } from '../../storage/rooms/RoomQueries';
import { scopeKey } from '../ScopeKey';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';
import { MemberDirectory, type MemberIndex } from './MemberDirectory';

export interface RoomsDeps {
  workspaces: WorkspaceService;
  /** The local profile (its userId authors messages). */
  me: () => Profile;
  /** Earlier ids of the local person (before their profile was linked to a relay account): still theirs. */
  aliases?: () => readonly string[];
  now: () => number;
  newId: () => string;
}

/** One open workspace, as the rooms services use it. */
export interface RoomsWorkspace {
  id: string;
  handle: WorkspaceHandle;
  rooms: RoomQueries;
  messages: MessageQueries;
}

const QUERIES = scopeKey<{ rooms: RoomQueries; messages: MessageQueries }>('rooms.queries');

export class RoomsContext {
  readonly directory = new MemberDirectory();

  constructor(readonly deps: RoomsDeps) {}

  /** The local user's id. */
  get userId(): string {
    return this.deps.me().userId;
  }

  /** Earlier ids of the local person on this device (before their profile was linked to a relay account). */
  get localAliases(): readonly string[] {
    return this.deps.aliases?.() ?? [];
  }

  /**
   * Every id of the local person in `ws`: the current one first, then the earlier ones of this device, then
   * those the workspace's member list says are theirs (another device's, both entries agreeing).
   */
  ids(ws: RoomsWorkspace): readonly string[] {
    const me = this.userId;
    const ids = new Set([me, ...this.localAliases]);
    for (const [alias, person] of this.members(ws).aliases) if (person === me) ids.add(alias);
    return [...ids];
  }

  /** Whether `id` is the local person in `ws` (their current id or an earlier one). */
  isMe(ws: RoomsWorkspace, id: string): boolean {
    return id === this.userId || this.localAliases.includes(id) || this.members(ws).aliases.get(id) === this.userId;
  }

  /** Whether the local person is among `memberIds` under any of their ids. */
  isAmong(ws: RoomsWorkspace, memberIds: readonly string[]): boolean {
    return memberIds.some((id) => this.isMe(ws, id));
  }

  /** When the local person joined `room` (their earliest id there), or 0. */
  joinedAt(ws: RoomsWorkspace, room: RoomRecord): number {
    const times = this.ids(ws).map((id) => room.joinedAt[id]).filter((at): at is number => at !== undefined);
    return times.length === 0 ? 0 : Math.min(...times);
  }

  /** Workspace `workspaceId`, opened if needed. */
  workspace(workspaceId: string): RoomsWorkspace {
    this.deps.workspaces.get(workspaceId);
    return this.forHandle(this.deps.workspaces.handle(workspaceId));
  }

  /** The rooms view of an open handle. */
  forHandle(handle: WorkspaceHandle): RoomsWorkspace {
    const q = handle.scoped(QUERIES, (h) => ({ rooms: new RoomQueries(h.storage.db), messages: new MessageQueries(h.storage.db) }));
    return { id: handle.id, handle, ...q };
  }

  members(ws: RoomsWorkspace): MemberIndex {
    return this.directory.get(ws.id, ws.rooms, () => readMemberAliases(ws.handle.docs.doc('meta').getMap('members')));
  }

  /** Whether the local user may see `room`: public channels, and private rooms and DMs they are in. */
  canSee(ws: RoomsWorkspace, room: RoomRecord): boolean {
    return !room.private || this.isAmong(ws, room.members);
  }

  /** Room `roomId` if the local user may see it; NotFoundError otherwise (a private room's existence is not revealed). */
  room(ws: RoomsWorkspace, roomId: string): RoomRecord {
    const room = ws.rooms.getRoom(roomId);
    if (!room || !this.canSee(ws, room)) throw new NotFoundError('No such room in this workspace');
    return room;
  }

  /** Rooms the local user may see. */
  visibleRooms(ws: RoomsWorkspace): RoomRecord[] {
    return ws.rooms.listRooms().filter((r) => this.canSee(ws, r));
  }

  /** Brings the messages projection of `roomId` up to date (normally a no-op). */
  freshRoom(ws: RoomsWorkspace, roomId: string): void {
    ws.handle.projections.ensureDocFresh(roomDocName(roomId));
  }

  /** The member record of the local user, as it should be in `meta.members`. */
  selfMember(joinedAt: number): MemberRecord {
    const me = this.deps.me();
    const aliases = this.localAliases;
    return { id: me.userId, kind: 'user', displayName: me.displayName, email: me.email, joinedAt, ...(aliases.length > 0 ? { aliases } : {}) };
  }
}
