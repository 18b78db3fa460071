/**
 * The workspaces marked damaged on this device (`workspace.damagedList`),
 * kept current by the core's events: a workspace found damaged, and
 * snapshots or recovery changing a workspace's files.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DamageMarkInfo } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

export interface DamagedWorkspaces {
  byId: ReadonlyMap<string, DamageMarkInfo>;
  /** Loads the list again (after a call failed with WORKSPACE_DAMAGED). */
  refresh(): void;
}

export function useDamagedWorkspaces(): DamagedWorkspaces {
  const { generation } = useConnection();
  const [byId, setById] = useState<ReadonlyMap<string, DamageMarkInfo>>(new Map());

  const refresh = useCallback(() => {
    api.invoke('workspace.damagedList', {}).then(
      (list) => setById(new Map(list.map((mark) => [mark.workspaceId, mark]))),
      (err: unknown) => console.error('Loading the damaged workspaces failed', err),
    );
  }, []);

  useEffect(() => {
    if (generation === 0) return undefined;
    refresh();
    const unsubscribes = [api.on('workspace.damaged', refresh), api.on('backups.changed', refresh), api.on('workspaces.changed', refresh)];
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [generation, refresh]);

  return { byId, refresh };
}
