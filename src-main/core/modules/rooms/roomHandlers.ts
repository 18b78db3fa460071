/** Maps the rooms channels of the contract to the rooms services. */
import type { MessageService } from '../../../domain/rooms/MessageService';
import type { ReadService } from '../../../domain/rooms/ReadService';
import type { RoomEvents } from '../../../domain/rooms/RoomEvents';
import type { RoomService } from '../../../domain/rooms/RoomService';
import type { SearchService } from '../../../domain/rooms/SearchService';
import type { roomChannels } from '../../../common/contract';
import type { Handlers } from '../../dispatchChannel';

export interface RoomHandlerDeps {
  rooms: RoomService;
  messages: MessageService;
  reads: ReadService;
  search: SearchService;
  events: RoomEvents;
}

export function roomHandlers(deps: RoomHandlerDeps): Pick<Handlers, keyof typeof roomChannels> {
  const { rooms, messages, reads, search, events } = deps;
  return {
    'room.list': (i) => rooms.list(i.workspaceId),
    'room.create': (i) => rooms.create(i.workspaceId, { name: i.name, kind: i.kind, private: i.private, topic: i.topic, memberIds: i.memberIds }),
    'room.update': (i) => rooms.update(i.workspaceId, i.roomId, { name: i.name, topic: i.topic, archived: i.archived }),
    'room.setMuted': (i) => {
      const room = rooms.setMuted(i.workspaceId, i.roomId, i.muted);
      events.prefsChanged(i.workspaceId);
      return room;
    },
    'room.join': (i) => rooms.join(i.workspaceId, i.roomId),
    'room.leave': (i) => rooms.leave(i.workspaceId, i.roomId),
    'room.addMember': (i) => rooms.addMember(i.workspaceId, i.roomId, i.memberId),
    'room.removeMember': (i) => rooms.removeMember(i.workspaceId, i.roomId, i.memberId),
    'member.list': (i) => rooms.members(i.workspaceId),
    'message.list': (i) => messages.list(i.workspaceId, i.roomId, { threadRootId: i.threadRootId, before: i.before, after: i.after, limit: i.limit }),
    'message.around': (i) => messages.around(i.workspaceId, i.roomId, i.messageId, i.limit),
    'message.pinned': (i) => messages.pinned(i.workspaceId, i.roomId),
    'message.post': (i) => messages.post(i.workspaceId, i.roomId, i.text, i.threadRootId),
    'message.edit': (i) => messages.edit(i.workspaceId, i.roomId, i.messageId, i.text),
    'message.delete': (i) => messages.delete(i.workspaceId, i.roomId, i.messageId),
    'message.react': (i) => messages.react(i.workspaceId, i.roomId, i.messageId, i.emoji, i.on),
    'message.pin': (i) => messages.pin(i.workspaceId, i.roomId, i.messageId, i.on),
    'read.mark': (i) => reads.mark(i.workspaceId, i.roomId, i.messageId),
    'read.markAll': (i) => reads.markAll(i.workspaceId),
    'read.summary': (i) => reads.summary(i.workspaceId),
    search: (i) => search.search(i.workspaceId, i.query, i.limit),
  };
}
