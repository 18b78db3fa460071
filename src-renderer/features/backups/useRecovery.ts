/**
 * Which workspace the main area shows the recovery view of: one the person
 * opened while it is marked damaged, one whose opening failed as damaged,
 * or the active workspace when it is marked damaged. Opening any other
 * workspace leaves the view; a way back that worked lifts the mark here at
 * once, before the core's event arrives.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { DamageMarkInfo } from '../../../src-main/common/contract';
import { ApiError } from '../../lib/api';
import { useDamagedWorkspaces } from './useDamagedWorkspaces';

export interface Recovery {
  byId: ReadonlyMap<string, DamageMarkInfo>;
  /** The workspace whose recovery view is shown instead of the active one, or null. */
  showingId: string | null;
  /** Before opening `id`: true when it is damaged (its recovery view is shown instead). */
  intercept(id: string): boolean;
  /** After opening `id` failed with `err`: true when it failed as damaged (its recovery view is shown). */
  failed(id: string, err: unknown): boolean;
  /** Workspace `id` is usable again. */
  recovered(id: string): void;
}

/** The damaged workspaces, for the rail's tiles. */
export const DamagedWorkspacesContext = createContext<ReadonlyMap<string, DamageMarkInfo>>(new Map());

/** True when workspace `id` is marked damaged (within a DamagedWorkspacesContext). */
export function useIsDamaged(id: string): boolean {
  return useContext(DamagedWorkspacesContext).has(id);
}

export function useRecovery(activeId: string | null): Recovery {
  const damaged = useDamagedWorkspaces();
  const [chosen, setChosen] = useState<string | null>(null);
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set());

  // A fresh list from the core is the truth again.
  useEffect(() => setCleared(new Set()), [damaged.byId]);
  const byId = useMemo(() => new Map([...damaged.byId].filter(([id]) => !cleared.has(id))), [damaged.byId, cleared]);
  const { refresh } = damaged;

  const intercept = useCallback(
    (id: string) => {
      const isDamaged = byId.has(id);
      setChosen(isDamaged ? id : null);
      return isDamaged;
    },
    [byId],
  );

  const failed = useCallback(
    (id: string, err: unknown) => {
      if (!(err instanceof ApiError) || err.code !== 'WORKSPACE_DAMAGED') return false;
      setCleared((prev) => new Set([...prev].filter((x) => x !== id)));
      refresh();
      setChosen(id);
      return true;
    },
    [refresh],
  );

  const recovered = useCallback((id: string) => {
    setCleared((prev) => new Set([...prev, id]));
    setChosen(null);
  }, []);

  const showingId = chosen && byId.has(chosen) ? chosen : activeId && byId.has(activeId) ? activeId : null;
  return { byId, showingId, intercept, failed, recovered };
}
