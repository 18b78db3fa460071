/**
 * Knowledge bases: documents of the workspace (in `meta`) and of each
 * digital human (in `dh/<id>`), their passages, search with sources and
 * embeddings (docs/knowledge.md).
 */
import { knowledgeChannels, knowledgeEvents } from '../../../common/contract';
import { KnowledgeEvents } from '../../../domain/knowledge/KnowledgeEvents';
import { KnowledgeService } from '../../../domain/knowledge/KnowledgeService';
import { knowledgeMigration } from '../../../storage/knowledge/knowledgeMigration';
import { knowledgeDhProjection, knowledgeMetaProjection } from '../../../storage/knowledge/knowledgeProjection';
import { defineModule } from '../../FeatureModule';
import { knowledgeCommand } from './knowledgeCommand';
import { dhModule } from '../dh/dhModule';
import { providersModule } from '../providers/providersModule';
import { roomsModule } from '../rooms/roomsModule';
import { syncModule } from '../sync/syncModule';
import { knowledgeHandlers } from './knowledgeHandlers';

export const knowledgeModule = defineModule({
  name: 'knowledge',
  channels: knowledgeChannels,
  events: knowledgeEvents,
  cli: [knowledgeCommand],
  docs: [
    { doc: 'meta', rootMaps: ['knowledge'], projections: [knowledgeMetaProjection], synced: true },
    { doc: 'dh/', rootMaps: ['knowledge'], projections: [knowledgeDhProjection], synced: true },
  ],
  migrations: [knowledgeMigration],
  create: (ctx) => {
    const providers = ctx.use(providersModule);
    const { dhs } = ctx.use(dhModule);
    const { sync } = ctx.use(syncModule);
    const knowledge = new KnowledgeService({
      rooms: ctx.use(roomsModule).context,
      dhExists: (workspaceId, dhId) => dhs.list(workspaceId, true).some((d) => d.id === dhId),
      now: ctx.now,
      newId: ctx.newId,
      embedderFor: ctx.config.embedderFor ?? ((id) => providers.embedderFor(id)),
      log: ctx.log,
    });
    const events = new KnowledgeEvents({
      workspaces: ctx.workspaces,
      stores: knowledge.stores,
      embedding: knowledge.embedding,
      emit: (event, payload) => ctx.bus.emit(event, payload),
      syncDoc: (workspaceId, docName) => sync.addDoc(workspaceId, docName),
    });
    // A new embeddings model: passages get vectors of it, in the background.
    ctx.bus.on('provider.changed', ({ workspaceId }) => knowledge.embedding.schedule(workspaceId));
    return { knowledge, events };
  },
  handlers: ({ knowledge }) => knowledgeHandlers(knowledge),
  close: ({ knowledge, events }) => {
    events.close();
    knowledge.close();
  },
});
