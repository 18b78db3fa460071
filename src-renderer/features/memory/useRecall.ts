/**
 * "Ask what it remembers": runs `memory.recall` for a question, as the
 * digital human would when answering it, and reads each recalled memory in
 * full (`memory.get`) so it can be edited, pinned or deleted where it
 * shows. Messages of conversations come back as they are. Asked again on
 * each `memory.changed` of that DH, so the ranking stays true.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Memory, RecallItem } from '../../../src-main/common/contract';
import { ApiError, api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

/** One recalled item; `memory` is the full record of a memory (null for a message). */
export interface RecalledEntry {
  item: RecallItem;
  memory: Memory | null;
}

export interface RecallState {
  /** The question asked, or null before the first. */
  question: string | null;
  /** Null while nothing was asked or the first answer is on its way. */
  entries: RecalledEntry[] | null;
  busy: boolean;
  error: unknown;
  ask(question: string): void;
  /** Applies a memory the core just returned. */
  put(memory: Memory): void;
  drop(id: string): void;
}

/** How many items a recall shows. */
const RECALL_K = 20;

export function useRecall(workspaceId: string, dhId: string): RecallState {
  const { generation } = useConnection();
  const [question, setQuestion] = useState<string | null>(null);
  const [entries, setEntries] = useState<RecalledEntry[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tokenRef = useRef(0);

  const run = useCallback(
    async (q: string, quiet: boolean): Promise<void> => {
      const token = ++tokenRef.current;
      if (!quiet) setBusy(true);
      try {
        const { items } = await api.invoke('memory.recall', { workspaceId, dhId, query: q, k: RECALL_K });
        const full = await Promise.all(items.map((item) => (item.kind === 'message' ? Promise.resolve(null) : getMemory(workspaceId, dhId, item.id))));
        if (token !== tokenRef.current) return;
        // A memory deleted between the two calls is left out.
        setEntries(
          items.flatMap((item, i): RecalledEntry[] => {
            const memory = full[i] ?? null;
            return item.kind === 'message' ? [{ item, memory: null }] : memory ? [{ item, memory }] : [];
          }),
        );
        setError(null);
      } catch (err) {
        if (token !== tokenRef.current) return;
        setError(err);
        console.error('Recalling failed', err);
      } finally {
        if (token === tokenRef.current) setBusy(false);
      }
    },
    [workspaceId, dhId],
  );

  // Another digital human (or a reconnection) starts afresh.
  useEffect(() => {
    tokenRef.current++;
    setQuestion(null);
    setEntries(null);
    setError(null);
    setBusy(false);
  }, [workspaceId, dhId, generation]);

  useEffect(() => {
    if (question === null) return undefined;
    return api.on('memory.changed', (event) => {
      if (event.workspaceId === workspaceId && event.dhId === dhId) void run(question, true);
    });
  }, [question, workspaceId, dhId, run]);

  const ask = useCallback(
    (q: string) => {
      const trimmed = q.trim();
      if (!trimmed) return;
      setQuestion(trimmed);
      void run(trimmed, false);
    },
    [run],
  );
  const put = useCallback((memory: Memory) => {
    setEntries((prev) => prev && prev.map((e) => (e.memory?.id === memory.id ? { ...e, memory } : e)));
  }, []);
  const drop = useCallback((id: string) => {
    setEntries((prev) => prev && prev.filter((e) => e.memory?.id !== id));
  }, []);
  return { question, entries, busy, error, ask, put, drop };
}

async function getMemory(workspaceId: string, dhId: string, id: string): Promise<Memory | null> {
  try {
    return await api.invoke('memory.get', { workspaceId, dhId, id });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}
