/** A room as the contract shows it to the local user: shared fields plus read state. */
import type { Room } from '../../common/contract';
import type { RoomRecord } from '../../storage/rooms/metaRoomsFormat';
import type { RoomsContext, RoomsWorkspace } from './RoomsContext';

/** `room` for the local user: name (a DM's from its members), membership, mute, counts, pins. */
export function describeRoom(ctx: RoomsContext, ws: RoomsWorkspace, room: RoomRecord): Room {
  const ids = ctx.ids(ws);
  const joined = ctx.isAmong(ws, room.members);
  ctx.freshRoom(ws, room.id);
  const counts = joined ? ws.rooms.counts(room.id, ids, ctx.joinedAt(ws, room)) : { unread: 0, mentions: 0 };
  return {
    id: room.id,
    name: room.kind === 'dm' && room.name.length === 0 ? dmName(ctx, ws, room) : room.name,
    kind: room.kind,
    private: room.private,
    topic: room.topic,
    archived: room.archived,
    createdAt: room.createdAt,
    createdBy: room.createdBy,
    memberIds: room.members,
    joined,
    muted: ws.rooms.isMuted(room.id),
    unread: counts.unread,
    mentions: counts.mentions,
    lastReadMessageId: ws.rooms.readPointerOf(room.id, ids)?.messageId ?? null,
    lastMessageAt: ws.rooms.lastMessageAt(room.id),
    pinnedMessageIds: ws.rooms.pinnedIds(room.id),
  };
}

/** A DM without a name is named after the others in it (or the local user, alone). */
function dmName(ctx: RoomsContext, ws: RoomsWorkspace, room: RoomRecord): string {
  const members = ctx.members(ws);
  const others = room.members.filter((id) => !ctx.isMe(ws, id));
  const names = (others.length > 0 ? others : room.members).map((id) => members.byId.get(id)?.displayName ?? 'Unknown');
  return names.join(', ').slice(0, 200);
}
