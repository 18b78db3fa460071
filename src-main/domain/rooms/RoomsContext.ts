/**
 * What the rooms services share: the open workspace and its queries, who
 * "I" am, the clock and ids, the member directory, and the rules of who may
 * see a room.
 */
import { NotFoundError } from '../../common/AppError';
import type { Profile } from '../../common/contract';
import type { MemberRecord, RoomRecord } from '../../storage/rooms/metaRoomsFormat';
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
    return this.directory.get(ws.id, ws.rooms);
  }

  /** Whether the local user may see `room`: public channels, and private rooms and DMs they are in. */
  canSee(room: RoomRecord): boolean {
    return !room.private || room.members.includes(this.userId);
  }

  /** Room `roomId` if the local user may see it; NotFoundError otherwise (a private room's existence is not revealed). */
  room(ws: RoomsWorkspace, roomId: string): RoomRecord {
    const room = ws.rooms.getRoom(roomId);
    if (!room || !this.canSee(room)) throw new NotFoundError('No such room in this workspace');
    return room;
  }

  /** Rooms the local user may see. */
  visibleRooms(ws: RoomsWorkspace): RoomRecord[] {
    return ws.rooms.listRooms().filter((r) => this.canSee(r));
  }

  /** Brings the messages projection of `roomId` up to date (normally a no-op). */
  freshRoom(ws: RoomsWorkspace, roomId: string): void {
    ws.handle.projections.ensureDocFresh(roomDocName(roomId));
  }

  /** The member record of the local user, as it should be in `meta.members`. */
  selfMember(joinedAt: number): MemberRecord {
    const me = this.deps.me();
    return { id: me.userId, kind: 'user', displayName: me.displayName, email: me.email, joinedAt };
  }
}
