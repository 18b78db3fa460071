/**
 * The digital humans of one workspace (`dh.list`, archived ones included so
 * the edit dialog can restore them), loaded again on each `dh.changed` of
 * that workspace and after a reconnection. Events arriving during a load
 * start one more load after it, never several at once.
 */
import { useCallback } from 'react';
import type { DigitalHuman } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useLiveValue } from '../../lib/useLiveValue';

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
  const live = useLiveValue({
    key: workspaceId,
    workspaceId,
    event: 'dh.changed',
    fetch: () => api.invoke('dh.list', { workspaceId, includeArchived: true }),
    what: 'the digital humans',
  });
  const { update, reload } = live;
  const all = live.value;
  const error = live.error;

  const put = useCallback((dh: DigitalHuman) => {
    update((prev) => {
      if (!prev) return prev;
      const next = prev.some((d) => d.id === dh.id) ? prev.map((d) => (d.id === dh.id ? dh : d)) : [...prev, dh];
      return next.sort((a, b) => a.name.localeCompare(b.name));
    });
  }, [update]);
  const active = (all ?? []).filter((d) => !d.archived);
  return { all, active, error, put, reload };
}
