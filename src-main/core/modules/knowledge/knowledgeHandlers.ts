/** Maps the knowledge channels of the contract to the knowledge service. */
import type { KnowledgeService } from '../../../domain/knowledge/KnowledgeService';
import type { knowledgeChannels } from '../../../common/contract';
import type { Handlers } from '../../dispatchChannel';

export function knowledgeHandlers(knowledge: KnowledgeService): Pick<Handlers, keyof typeof knowledgeChannels> {
  return {
    'knowledge.import': (i) => {
      const bytes = i.uploadId !== undefined ? knowledge.uploads.take(i.workspaceId, i.uploadId) : Buffer.from(i.contentBase64 ?? '', 'base64');
      return knowledge.import(i.workspaceId, { scope: i.scope, fileName: i.fileName, mime: i.mime, bytes });
    },
    'knowledge.uploadPart': (i) => ({ received: knowledge.uploads.append(i.workspaceId, i.uploadId, i.offset, Buffer.from(i.dataBase64, 'base64')) }),
    'knowledge.list': (i) => knowledge.list(i.workspaceId, { scope: i.scope }),
    'knowledge.get': (i) => knowledge.get(i.workspaceId, i.documentId),
    'knowledge.delete': (i) => knowledge.delete(i.workspaceId, i.documentId),
    'knowledge.search': (i) => knowledge.search(i.workspaceId, { dhId: i.dhId, query: i.query, k: i.k }),
  };
}
