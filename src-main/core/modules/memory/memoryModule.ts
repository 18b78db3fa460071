/**
 * Long-term memory of digital humans: what each one remembers per
 * workspace, recall (full text, plus vectors with an embeddings model) and
 * the memory panel (docs/memory.md). Owns the `memories` map of `dh/<id>`.
 */
import { memoryChannels, memoryEvents } from '../../../common/contract';
import { MemoryEvents } from '../../../domain/memory/MemoryEvents';
import { MemoryService } from '../../../domain/memory/MemoryService';
import { memoriesProjection } from '../../../storage/memory/memoriesProjection';
import { memoryMigration } from '../../../storage/memory/memoryMigration';
import { defineModule } from '../../FeatureModule';
import { memoryCommand } from './memoryCommand';
import { providersModule } from '../providers/providersModule';
import { syncModule } from '../sync/syncModule';
import { memoryHandlers } from './memoryHandlers';

export const memoryModule = defineModule({
  name: 'memory',
  channels: memoryChannels,
  events: memoryEvents,
  cli: [memoryCommand],
  docs: [{ doc: 'dh/', rootMaps: ['memories'], projections: [memoriesProjection], synced: true }],
  migrations: [memoryMigration],
  create: (ctx) => {
    const providers = ctx.use(providersModule);
    const { sync } = ctx.use(syncModule);
    const memory = new MemoryService({
      workspaces: ctx.workspaces,
      now: ctx.now,
      newId: ctx.newId,
      embedderFor: ctx.config.embedderFor ?? ((id) => providers.embedderFor(id)),
      log: ctx.log,
    });
    const events = new MemoryEvents({
      workspaces: ctx.workspaces,
      stores: memory.stores,
      embedding: memory.embedding,
      emit: (event, payload) => ctx.bus.emit(event, payload),
      syncDoc: (workspaceId, docName) => sync.addDoc(workspaceId, docName),
    });
    // A new embeddings model: memories get vectors of it, in the background.
    ctx.bus.on('provider.changed', ({ workspaceId }) => memory.embedding.schedule(workspaceId));
    return { memory, events };
  },
  handlers: ({ memory }) => memoryHandlers(memory),
  close: ({ memory, events }) => {
    events.close();
    memory.close();
  },
});
