/**
 * The memories of one digital human as the panel lists them: newest first
 * (or, with a filter text, best matches first), page after page with the
 * `nextCursor` of `memory.list`. On each `memory.changed` of that DH, and
 * after a reconnection, it loads again as many as were shown, so an edit on
 * another device or by the DH itself shows without losing the place.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Memory, MemoryKind, MemoryPage } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

/** What narrows the list. */
export interface MemoryFilter {
  /** Words to match; empty lists everything, newest first. */
  query: string;
  kind: MemoryKind | null;
  pinned: boolean | null;
}

export interface MemoryListState {
  /** Null until the first load. */
  memories: Memory[] | null;
  /** More memories exist past the last shown. */
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore(): void;
  /** Applies a memory the core just returned, before its event arrives. */
  put(memory: Memory): void;
  /** Forgets a deleted memory at once. */
  drop(id: string): void;
}

const PAGE = 30;
/** The most `memory.list` returns at once. */
const MAX_PAGE = 200;

interface Loaded {
  memories: Memory[];
  nextCursor: string | null;
}

export function useMemories(workspaceId: string, dhId: string, filter: MemoryFilter): MemoryListState {
  const { generation } = useConnection();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Latest state for the async loaders, and a token that outdates their answers.
  const loadedRef = useRef<Loaded | null>(null);
  const tokenRef = useRef(0);
  const loadMoreRef = useRef<() => void>(() => undefined);
  const { query, kind, pinned } = filter;

  useEffect(() => {
    loadedRef.current = loaded;
  }, [loaded]);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    let running = false;
    let again = false;
    const base = {
      workspaceId,
      dhId,
      ...(query.trim() ? { query: query.trim() } : {}),
      ...(kind !== null ? { kind } : {}),
      ...(pinned !== null ? { pinned } : {}),
    };

    /** Pages from the start until at least `want` memories (or the end). */
    async function fetchUpTo(want: number): Promise<Loaded> {
      const memories: Memory[] = [];
      let cursor: string | null = null;
      do {
        const limit = Math.min(MAX_PAGE, Math.max(PAGE, want - memories.length));
        const page: MemoryPage = await api.invoke('memory.list', { ...base, limit, ...(cursor !== null ? { cursor } : {}) });
        memories.push(...page.memories);
        cursor = page.nextCursor;
      } while (cursor !== null && memories.length < want);
      return { memories, nextCursor: cursor };
    }

    async function reload(): Promise<void> {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const token = ++tokenRef.current;
          const next = await fetchUpTo(loadedRef.current?.memories.length ?? PAGE);
          if (cancelled || token !== tokenRef.current) continue;
          loadedRef.current = next;
          setLoaded(next);
          setError(null);
        } while (again && !cancelled);
      } catch (err) {
        if (!cancelled) setError(err);
        console.error('Loading the memories failed', err);
      } finally {
        running = false;
        if (!cancelled) setLoadingMore(false);
      }
    }

    async function more(): Promise<void> {
      const current = loadedRef.current;
      if (running || !current || current.nextCursor === null) return;
      const token = tokenRef.current;
      setLoadingMore(true);
      try {
        const page = await api.invoke('memory.list', { ...base, limit: PAGE, cursor: current.nextCursor });
        // A reload started meanwhile holds the truth: this page may overlap it.
        if (cancelled || token !== tokenRef.current) return;
        const seen = new Set(current.memories.map((m) => m.id));
        const next = { memories: [...current.memories, ...page.memories.filter((m) => !seen.has(m.id))], nextCursor: page.nextCursor };
        loadedRef.current = next;
        setLoaded(next);
      } catch (err) {
        if (!cancelled) setError(err);
        console.error('Loading more memories failed', err);
      } finally {
        if (!cancelled) setLoadingMore(false);
      }
    }

    // A new filter starts from the first page.
    loadedRef.current = null;
    setLoaded(null);
    setError(null);
    loadMoreRef.current = () => void more();
    const unsubscribe = api.on('memory.changed', (event) => {
      if (event.workspaceId === workspaceId && event.dhId === dhId) void reload();
    });
    void reload();
    return () => {
      cancelled = true;
      tokenRef.current++;
      unsubscribe();
    };
  }, [workspaceId, dhId, query, kind, pinned, generation]);

  const put = useCallback((memory: Memory) => {
    setLoaded((prev) => {
      if (!prev) return prev;
      const known = prev.memories.some((m) => m.id === memory.id);
      // A new memory is the newest: first, until the reload places it for the filter.
      const memories = known ? prev.memories.map((m) => (m.id === memory.id ? memory : m)) : [memory, ...prev.memories];
      return { ...prev, memories };
    });
  }, []);
  const drop = useCallback((id: string) => {
    setLoaded((prev) => prev && { ...prev, memories: prev.memories.filter((m) => m.id !== id) });
  }, []);
  const loadMore = useCallback(() => loadMoreRef.current(), []);

  return { memories: loaded?.memories ?? null, hasMore: (loaded?.nextCursor ?? null) !== null, loadingMore, error, loadMore, put, drop };
}
