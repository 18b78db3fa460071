/**
 * The knowledge service as the agent runtime's KnowledgePort: a digital
 * human's search reads the workspace's documents and its own, and each
 * snippet carries its source (file name, headings, page) for citation.
 */
import type { KnowledgeService } from '../../domain/knowledge/KnowledgeService';
import type { KnowledgePort } from './AgentPorts';

export function knowledgePortOf(knowledge: KnowledgeService): KnowledgePort {
  return {
    search: async (workspaceId, dhId, query, k) => {
      const { items } = await knowledge.search(workspaceId, { dhId, query, k });
      return items.map((item) => ({ text: item.text, source: item.source }));
    },
  };
}
