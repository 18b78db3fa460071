/**
 * The memory port as digital humans see it once consents apply
 * (docs/consents.md): a recall or a similarity search never returns a
 * message written by a member who declined, nor a memory learnt from one
 * (until it is forgotten everywhere, a memory learnt on a device that had
 * not seen the choice yet may still be held). Every reader of memory in the
 * runtime goes through this port (turn context, the memory_search tool, the
 * extraction step's similar memories), so nothing of theirs reaches a model.
 */
import type { ConsentPort, MemoryPort, RecalledItem } from './AgentPorts';

export function consentMemoryPort(memory: MemoryPort, consents: ConsentPort): MemoryPort {
  const allowed = (workspaceId: string, dhId: string, items: RecalledItem[]): RecalledItem[] => {
    const declined = consents.declined(workspaceId);
    if (declined.size === 0) return items;
    const memoryIds = items.filter((i) => i.kind !== 'message').map((i) => i.id);
    const learnt = consents.learntAmong(workspaceId, dhId, memoryIds, declined);
    return items.filter((i) => (i.kind === 'message' ? !declined.has(i.authorId ?? '') : !learnt.has(i.id)));
  };
  return {
    recall: async (workspaceId, dhId, query, k) => allowed(workspaceId, dhId, await memory.recall(workspaceId, dhId, query, k)),
    findSimilar: async (workspaceId, dhId, text, k) => allowed(workspaceId, dhId, await memory.findSimilar(workspaceId, dhId, text, k)),
    apply: (workspaceId, dhId, ops) => memory.apply(workspaceId, dhId, ops),
  };
}
