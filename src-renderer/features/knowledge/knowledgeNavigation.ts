/**
 * Requests to open the knowledge of a workspace (or of one of its digital
 * humans) from outside the sidebar, e.g. a document found with the command
 * palette; the digital humans section of that workspace takes the request.
 */
import { createRequestStore } from '../../lib/requestStore';

export interface KnowledgeRequest {
  workspaceId: string;
  /** The digital human whose documents to show; null for the workspace's own. */
  dhId: string | null;
  seq: number;
}

const store = createRequestStore<Omit<KnowledgeRequest, 'seq'>>();

export function requestKnowledge(workspaceId: string, dhId: string | null): void {
  store.request({ workspaceId, dhId });
}

export function consumeKnowledgeRequest(request: KnowledgeRequest): void {
  store.consume(request);
}

export function useKnowledgeRequest(): KnowledgeRequest | null {
  return store.useRequest();
}
