/**
 * The documents of one scope of a workspace's knowledge base, loaded again
 * on each `knowledge.changed` of that workspace (an import or a delete,
 * here or by a teammate) and after a reconnection.
 */
import { useCallback } from 'react';
import type { KnowledgeDocument } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useLiveValue } from '../../lib/useLiveValue';

export interface KnowledgeDocumentsState {
  /** Null until the first load. */
  documents: KnowledgeDocument[] | null;
  error: unknown;
  /** Shows a document the core just returned, before its event arrives. */
  put(document: KnowledgeDocument): void;
  /** Forgets a deleted document at once. */
  drop(documentId: string): void;
}

export function useKnowledgeDocuments(workspaceId: string, scope: string): KnowledgeDocumentsState {
  const live = useLiveValue({
    key: `${workspaceId}/${scope}`,
    workspaceId,
    event: 'knowledge.changed',
    fetch: () => api.invoke('knowledge.list', { workspaceId, scope }),
    what: 'the knowledge base',
  });
  const { update } = live;
  const documents = live.value;
  const error = live.error;

  const put = useCallback((document: KnowledgeDocument) => {
    update((list) => (list ? [document, ...list.filter((d) => d.id !== document.id)] : list));
  }, [update]);
  const drop = useCallback((documentId: string) => {
    update((list) => (list ? list.filter((d) => d.id !== documentId) : list));
  }, [update]);
  return { documents, error, put, drop };
}
