/**
 * Read state: each person's read pointer per room lives in the room doc
 * (`reads`, synced, so every device of the workspace agrees), and unread and
 * mention counts are computed from it against the messages projection.
 */
import { NotFoundError } from '../../common/AppError';
import type { Room, UnreadSummary } from '../../common/contract';
import { roomDocName, writeReadPointer, type ReadPointer } from '../../storage/rooms/roomDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import { describeRoom } from './describeRoom';
import type { RoomsContext, RoomsWorkspace } from './RoomsContext';

export class ReadService {
  constructor(private readonly ctx: RoomsContext) {}

  /** Moves the local user's read pointer in a room to `messageId` (never backwards). */
  mark(workspaceId: string, roomId: string, messageId: string): Room {
    const ws = this.ctx.workspace(workspaceId);
    const room = this.ctx.room(ws, roomId);
    this.ctx.freshRoom(ws, roomId);
    const row = ws.messages.get(roomId, messageId);
    if (!row) throw new NotFoundError('No such message in this room');
    this.advance(ws, roomId, { messageId: row.id, createdAt: row.created_at });
    return describeRoom(this.ctx, ws, room);
  }

  /** Marks every joined room read up to its newest message. */
  markAll(workspaceId: string): UnreadSummary {
    const ws = this.ctx.workspace(workspaceId);
    for (const room of this.ctx.visibleRooms(ws)) {
      if (!this.ctx.isAmong(ws, room.members)) continue;
      this.ctx.freshRoom(ws, room.id);
      const latest = ws.rooms.latestMessage(room.id);
      if (latest) this.advance(ws, room.id, latest);
    }
    return this.summary(workspaceId);
  }

  /** Unread messages in joined, unmuted rooms, and unread mentions of the local user everywhere. */
  summary(workspaceId: string): UnreadSummary {
    const ws = this.ctx.workspace(workspaceId);
    const ids = this.ctx.ids(ws);
    const joined = this.ctx.visibleRooms(ws).filter((r) => this.ctx.isAmong(ws, r.members));
    for (const room of joined) this.ctx.freshRoom(ws, room.id);
    return ws.rooms.read(() => {
      let total = 0;
      let mentions = 0;
      for (const room of joined) {
        const counts = ws.rooms.counts(room.id, ids, this.ctx.joinedAt(ws, room));
        if (!ws.rooms.isMuted(room.id)) total += counts.unread;
        mentions += counts.mentions;
      }
      return { workspaceId, total, mentions };
    });
  }

  private advance(ws: RoomsWorkspace, roomId: string, to: ReadPointer): void {
    const me = this.ctx.userId;
    // The pointer is written under the current id; one left under an earlier id still counts as where it stands.
    const current = ws.rooms.readPointerOf(roomId, this.ctx.ids(ws));
    if (current && (current.createdAt > to.createdAt || (current.createdAt === to.createdAt && current.messageId >= to.messageId))) return;
    ws.handle.docs.transact(roomDocName(roomId), txOrigin('local', me), (doc) => doc.getMap('reads').set(me, writeReadPointer(to)));
  }
}
