/**
 * The documents of one scope of a workspace's knowledge base, loaded again
 * on each `knowledge.changed` of that workspace (an import or a delete,
 * here or by a teammate) and after a reconnection.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KnowledgeDocument } from '../../../src-main/common/contract';
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
    let running = false;
    let again = false;
    setDocuments(null);
    async function load(): Promise<void> {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const list = await api.invoke('knowledge.list', { workspaceId, scope });
          if (cancelled) return;
          setDocuments(list);
          setError(null);
        } while (again && !cancelled);
      } catch (err) {
        if (!cancelled) setError(err);
        console.error('Loading the knowledge base failed', err);
      } finally {
        running = false;
      }
    }
    loadRef.current = () => void load();
    const unsubscribe = api.on('knowledge.changed', (event) => {
      if (event.workspaceId === workspaceId) void load();
    });
    void load();
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
