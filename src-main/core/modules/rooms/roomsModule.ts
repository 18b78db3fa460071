/**
 * Team rooms: channels, direct messages, threads, reactions, pins, reads,
 * mentions and search (docs/rooms.md). Owns the rooms list and members of
 * `meta` and the `room/<id>` docs (all but their `claims`, the agent
 * runtime's).
 */
import { roomChannels, roomEvents } from '../../../common/contract';
import { MessageService } from '../../../domain/rooms/MessageService';
import { ReadService } from '../../../domain/rooms/ReadService';
import { RoomEvents } from '../../../domain/rooms/RoomEvents';
import { RoomsContext } from '../../../domain/rooms/RoomsContext';
import { RoomService } from '../../../domain/rooms/RoomService';
import { SearchService } from '../../../domain/rooms/SearchService';
import { metaRoomsProjection } from '../../../storage/rooms/metaRoomsProjection';
import { ROOM_DOC_MAPS, roomDocName } from '../../../storage/rooms/roomDocFormat';
import { roomMessagesProjection } from '../../../storage/rooms/roomMessagesProjection';
import { RoomQueries } from '../../../storage/rooms/RoomQueries';
import { roomsMigration } from '../../../storage/rooms/roomsMigration';
import { defineModule } from '../../FeatureModule';
import { roomCommand } from './roomCommand';
import { messageCommand } from './messageCommand';
import { searchCommand } from './searchCommand';
import { syncModule } from '../sync/syncModule';
import { roomHandlers } from './roomHandlers';

export const roomsModule = defineModule({
  name: 'rooms',
  channels: roomChannels,
  events: roomEvents,
  cli: [roomCommand, messageCommand, searchCommand],
  docs: [
    { doc: 'meta', rootMaps: ['rooms', 'members'], projections: [metaRoomsProjection], synced: true },
    {
      doc: 'room/',
      rootMaps: ROOM_DOC_MAPS,
      projections: [roomMessagesProjection],
      synced: true,
      // Each room's doc syncs from the moment the room appears in `meta`.
      instances: (db) => new RoomQueries(db).listRooms().map((r) => roomDocName(r.id)),
    },
  ],
  migrations: [roomsMigration],
  create: (ctx) => {
    const { sync } = ctx.use(syncModule);
    const context = new RoomsContext({ workspaces: ctx.workspaces, me: () => ctx.profile.get(), aliases: () => ctx.profile.aliases(), now: ctx.now, newId: ctx.newId });
    const rooms = new RoomService(context);
    const reads = new ReadService(context);
    const events = new RoomEvents({
      ctx: context,
      workspaces: ctx.workspaces,
      rooms,
      reads,
      emit: (event, payload) => ctx.bus.emit(event, payload),
      syncDoc: (workspaceId, docName) => sync.addDoc(workspaceId, docName),
      log: ctx.log,
    });
    ctx.bus.on('profile.changed', () => events.profileChanged());
    sync.onAcknowledged((workspaceId, acks) => events.acknowledged(workspaceId, acks));
    return { context, rooms, reads, events, messages: new MessageService(context), search: new SearchService(context) };
  },
  handlers: (services) => roomHandlers(services),
  // The first workspace of a device starts with a room to talk in.
  start: ({ rooms }, ctx) => {
    const first = ctx.workspaces.firstLaunchWorkspace();
    if (first) rooms.create(first.id, { name: 'general', kind: 'channel' });
  },
  close: ({ events }) => events.close(),
});
