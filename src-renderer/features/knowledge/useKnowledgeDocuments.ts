/**
 * The documents of one scope of a workspace's knowledge base, loaded again
 * on each `knowledge.changed` of that workspace (an import or a delete,
 * here or by a teammate) and after a reconnection.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KnowledgeDocument } from '../../../src-main/common/contract';
import { coalescedReload } from '../../lib/coalescedReload';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

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
  const { generation } = useConnection();
  const [documents, setDocuments] = useState<KnowledgeDocument[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    setDocuments(null);
    const load = coalescedReload({
      fetch: () => api.invoke('knowledge.list', { workspaceId, scope }),
      apply: (list) => {
        setDocuments(list);
        setError(null);
      },
      fail: (err) => {
        setError(err);
        console.error('Loading the knowledge base failed', err);
      },
      cancelled: () => cancelled,
    });
    loadRef.current = load;
    const unsubscribe = api.on('knowledge.changed', (event) => {
      if (event.workspaceId === workspaceId) load();
    });
    load();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [workspaceId, scope, generation]);

  const put = useCallback((document: KnowledgeDocument) => {
    setDocuments((list) => (list ? [document, ...list.filter((d) => d.id !== document.id)] : list));
  }, []);
  const drop = useCallback((documentId: string) => {
    setDocuments((list) => (list ? list.filter((d) => d.id !== documentId) : list));
  }, []);
  return { documents, error, put, drop };
}
