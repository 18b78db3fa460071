/**
 * Digital humans: AI teammates with a persona, a handle and a model
 * (docs/digital-humans.md). Owns the profiles in `meta.dhs` and the family
 * of `dh/<id>` docs, whose maps the features that keep things for a digital
 * human declare (tasks, memory, knowledge).
 */
import { dhChannels, dhEvents } from '../../../common/contract';
import { DhEvents } from '../../../domain/dh/DhEvents';
import { DhService } from '../../../domain/dh/DhService';
import { DhQueries } from '../../../storage/dh/DhQueries';
import { dhDocName } from '../../../storage/dh/dhDocFormat';
import { dhMigration } from '../../../storage/dh/dhMigration';
import { metaDhProjection } from '../../../storage/dh/metaDhProjection';
import { defineModule } from '../../FeatureModule';
import { dhCommand } from './dhCommand';
import { roomsModule } from '../rooms/roomsModule';
import { syncModule } from '../sync/syncModule';
import { dhHandlers } from './dhHandlers';

export const dhModule = defineModule({
  name: 'dh',
  channels: dhChannels,
  events: dhEvents,
  cli: [dhCommand],
  docs: [
    { doc: 'meta', rootMaps: ['dhs'], projections: [metaDhProjection], synced: true },
    // Each digital human's doc syncs from the moment its profile appears in `meta`.
    { doc: 'dh/', rootMaps: [], synced: true, instances: (db) => new DhQueries(db).list().map((dh) => dhDocName(dh.id)) },
  ],
  migrations: [dhMigration],
  create: (ctx) => {
    const { context } = ctx.use(roomsModule);
    const { sync } = ctx.use(syncModule);
    const dhs = new DhService(context);
    // Digital humans are members too: rooms show their names and handles.
    context.directory.useDhProfiles((workspaceId) => dhs.memberProfiles(workspaceId));
    const events = new DhEvents({
      ctx: context,
      workspaces: ctx.workspaces,
      emit: (event, payload) => ctx.bus.emit(event, payload),
      syncDoc: (workspaceId, docName) => sync.addDoc(workspaceId, docName),
    });
    return { dhs, events };
  },
  handlers: ({ dhs }) => dhHandlers(dhs),
  close: ({ events }) => events.close(),
});
