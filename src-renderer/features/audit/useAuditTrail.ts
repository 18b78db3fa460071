/**
 * The audit trail of a workspace as the screen pages it: newest first,
 * older pages on demand, optionally one actor's entries only. The shown
 * entries are read again (as many as shown) shortly after `audit.changed`
 * (new entries, from this device or a teammate's), after a reconnection,
 * and on demand.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';
import { mergeAuditPage, nextBeforeAt } from './mergeAuditPage';

export interface AuditTrailState {
  /** Null until the first load. */
  entries: AuditEntry[] | null;
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore(): void;
  refresh(): void;
}

const PAGE = 50;
/** The most `audit.list` returns at once. */
const MAX_PAGE = 1000;
/** Wait after an outbox or memory event, so a burst of them reads once. */
const SETTLE_MS = 400;

interface Loaded {
  entries: AuditEntry[];
  hasMore: boolean;
}

export function useAuditTrail(workspaceId: string, actorId: string | null): AuditTrailState {
  const { generation } = useConnection();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const loadedRef = useRef<Loaded | null>(null);
  const actionsRef = useRef<{ more(): void; refresh(): void }>({ more: () => undefined, refresh: () => undefined });

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    let token = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const base = { workspaceId, ...(actorId !== null ? { actorId } : {}) };

    function apply(next: Loaded): void {
      loadedRef.current = next;
      setLoaded(next);
      setError(null);
    }
    function fail(err: unknown, what: string): void {
      if (!cancelled) setError(err);
      console.error(what, err);
    }

    async function refresh(): Promise<void> {
      const mine = ++token;
      const limit = Math.min(MAX_PAGE, Math.max(PAGE, loadedRef.current?.entries.length ?? 0));
      try {
        const entries = await api.invoke('audit.list', { ...base, limit });
        if (!cancelled && mine === token) apply({ entries, hasMore: entries.length === limit });
      } catch (err) {
        fail(err, 'Loading the audit trail failed');
      }
    }

    async function more(): Promise<void> {
      const current = loadedRef.current;
      if (!current || !current.hasMore) return;
      const mine = ++token;
      setLoadingMore(true);
      try {
        const beforeAt = nextBeforeAt(current.entries);
        let page = await api.invoke('audit.list', { ...base, limit: PAGE, ...(beforeAt !== undefined ? { beforeAt } : {}) });
        let merged = mergeAuditPage(current.entries, page);
        const oldest = current.entries.at(-1);
        if (merged.added === 0 && page.length === PAGE && oldest) {
          // A whole page shares the oldest millisecond: go past it rather than ask for it forever.
          page = await api.invoke('audit.list', { ...base, limit: PAGE, beforeAt: oldest.at });
          merged = mergeAuditPage(current.entries, page);
        }
        if (!cancelled && mine === token) apply({ entries: merged.entries, hasMore: page.length === PAGE });
      } catch (err) {
        fail(err, 'Loading older audit entries failed');
      } finally {
        if (!cancelled) setLoadingMore(false);
      }
    }

    function soon(): void {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), SETTLE_MS);
    }

    loadedRef.current = null;
    setLoaded(null);
    setError(null);
    actionsRef.current = { more: () => void more(), refresh: () => void refresh() };
    const offAudit = api.on('audit.changed', (event) => {
      if (event.workspaceId === workspaceId) soon();
    });
    void refresh();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      offAudit();
    };
  }, [workspaceId, actorId, generation]);

  const loadMore = useCallback(() => actionsRef.current.more(), []);
  const refresh = useCallback(() => actionsRef.current.refresh(), []);
  return { entries: loaded?.entries ?? null, hasMore: loaded?.hasMore ?? false, loadingMore, error, loadMore, refresh };
}
