/** Maps the memory channels of the contract to the memory service. */
import type { MemoryService } from '../../../domain/memory/MemoryService';
import type { memoryChannels } from '../../../common/contract';
import type { Handlers } from '../../dispatchChannel';

export function memoryHandlers(memory: MemoryService): Pick<Handlers, keyof typeof memoryChannels> {
  return {
    'memory.list': (i) => memory.list(i.workspaceId, i.dhId, { query: i.query, kind: i.kind, pinned: i.pinned, limit: i.limit, cursor: i.cursor }),
    'memory.get': (i) => memory.get(i.workspaceId, i.dhId, i.id),
    'memory.add': ({ workspaceId, dhId, ...input }) => memory.add(workspaceId, dhId, input),
    'memory.update': ({ workspaceId, dhId, id, ...patch }) => memory.update(workspaceId, dhId, id, patch),
    'memory.delete': (i) => memory.forget(i.workspaceId, i.dhId, i.id),
    'memory.pin': (i) => memory.pin(i.workspaceId, i.dhId, i.id, i.on),
    'memory.import': (i) => memory.importMany(i.workspaceId, i.dhId, i.items),
    'memory.recall': (i) => memory.recall(i.workspaceId, i.dhId, i.query, { k: i.k }),
    'memory.recallBatch': async (i) => ({ results: await memory.recallBatch(i.workspaceId, i.dhId, i.queries, { k: i.k }) }),
  };
}
