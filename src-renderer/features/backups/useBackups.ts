/**
 * What Settings → Backups shows, loaded from the core and loaded again each
 * time any workspace's snapshots change (`backups.changed`: a scheduled
 * pass, "Back up now", a rotation, a restore) and after a reconnection: the
 * schedule, the space used in all and per workspace, and the snapshots of
 * the active workspace. One load at a time (`coalescedReload`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupSchedule, BackupUsage, Snapshot, Workspace } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { coalescedReload } from '../../lib/coalescedReload';
import { useConnection } from '../../lib/connection';

export interface BackupsState {
  schedule: BackupSchedule;
  usage: BackupUsage;
  /** The active workspace (null when there is none or it is no longer listed) and its snapshots, newest first. */
  workspace: Workspace | null;
  snapshots: Snapshot[];
}

export interface Backups {
  state: BackupsState | null;
  error: unknown;
  /** Shows a schedule the core just saved, before anything else reloads. */
  setSchedule(schedule: BackupSchedule): void;
  reload(): void;
}

async function fetchBackups(workspaceId: string | null): Promise<BackupsState> {
  const [settings, usage, workspaces] = await Promise.all([
    api.invoke('backup.settings.get', {}),
    api.invoke('backup.usage', {}),
    api.invoke('workspace.list', { includeArchived: true }),
  ]);
  const workspace = workspaces.find((w) => w.id === workspaceId) ?? null;
  const snapshots = workspace ? (await api.invoke('backup.list', { workspaceId: workspace.id })).snapshots : [];
  return { schedule: settings.schedule, usage, workspace, snapshots };
}

export function useBackups(workspaceId: string | null): Backups {
  const { generation } = useConnection();
  const [state, setState] = useState<BackupsState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    const load = coalescedReload({
      fetch: () => fetchBackups(workspaceId),
      apply: (next) => {
        setState(next);
        setError(null);
      },
      fail: (err) => {
        setError(err);
        console.error('Loading the backups failed', err);
      },
      cancelled: () => cancelled,
    });
    loadRef.current = load;
    const unsubscribes = [api.on('backups.changed', load), api.on('workspaces.changed', load)];
    load();
    return () => {
      cancelled = true;
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [workspaceId, generation]);

  const setSchedule = useCallback((schedule: BackupSchedule) => setState((current) => (current ? { ...current, schedule } : current)), []);
  const reload = useCallback(() => loadRef.current(), []);
  return { state, error, setSchedule, reload };
}
