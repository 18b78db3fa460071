/**
 * The digital humans of one workspace (`dh.list`, archived ones included so
 * the edit dialog can restore them), loaded again on each `dh.changed` of
 * that workspace and after a reconnection. Events arriving during a load
 * start one more load after it, never several at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DigitalHuman } from '../../../src-main/common/contract';
import { coalescedReload } from '../../lib/coalescedReload';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

export interface WorkspaceDigitalHumans {
  /** Null until the first load. */
  all: DigitalHuman[] | null;
  /** The ones not archived, by name. */
  active: DigitalHuman[];
  error: unknown;
  /** Applies a DH the core just returned, before its event arrives. */
  put(dh: DigitalHuman): void;
  reload(): void;
}

export function useDigitalHumans(workspaceId: string): WorkspaceDigitalHumans {
  const { generation } = useConnection();
  const [all, setAll] = useState<DigitalHuman[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    setAll(null);
    const load = coalescedReload({
      fetch: () => api.invoke('dh.list', { workspaceId, includeArchived: true }),
      apply: (list) => {
        setAll(list);
        setError(null);
      },
      fail: (err) => {
        setError(err);
        console.error('Loading the digital humans failed', err);
      },
      cancelled: () => cancelled,
    });
    loadRef.current = load;
    const unsubscribe = api.on('dh.changed', (event) => {
      if (event.workspaceId === workspaceId) load();
    });
    load();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [workspaceId, generation]);

  const put = useCallback((dh: DigitalHuman) => {
    setAll((prev) => {
      if (!prev) return prev;
      const next = prev.some((d) => d.id === dh.id) ? prev.map((d) => (d.id === dh.id ? dh : d)) : [...prev, dh];
      return next.sort((a, b) => a.name.localeCompare(b.name));
    });
  }, []);
  const reload = useCallback(() => loadRef.current(), []);
  const active = (all ?? []).filter((d) => !d.archived);
  return { all, active, error, put, reload };
}
