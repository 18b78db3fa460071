/**
 * The sync status of every workspace, loaded with `sync.status` when the
 * bridge opens and kept current by `sync.statusChanged` events.
 */
import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceSyncStatus } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

export interface SyncStatuses {
  byId: ReadonlyMap<string, WorkspaceSyncStatus>;
  /** Records a status an action returned (before its event arrives). */
  put(status: WorkspaceSyncStatus): void;
}

export function useSyncStatuses(): SyncStatuses {
  const { generation } = useConnection();
  const [byId, setById] = useState<ReadonlyMap<string, WorkspaceSyncStatus>>(new Map());

  const put = useCallback((status: WorkspaceSyncStatus) => {
    setById((prev) => new Map(prev).set(status.workspaceId, status));
  }, []);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    // Events that arrive while the list loads are newer than it: they win.
    const seen = new Map<string, WorkspaceSyncStatus>();
    const unsubscribe = api.on('sync.statusChanged', (status) => {
      seen.set(status.workspaceId, status);
      put(status);
    });
    api.invoke('sync.status', {}).then(
      (list) => {
        if (cancelled) return;
        const next = new Map(list.map((s) => [s.workspaceId, s]));
        for (const [id, status] of seen) next.set(id, status);
        setById(next);
      },
      (err: unknown) => console.error('Loading the sync status failed', err),
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [generation, put]);

  return { byId, put };
}
