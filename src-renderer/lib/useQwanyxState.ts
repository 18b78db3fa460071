/**
 * The renderer's copy of the core's state: app info, profile, settings and
 * every workspace (archived included). Loaded when the bridge opens (and
 * again after each reconnection), then kept current by the core's events, so
 * changes made by another window or the CLI show up here.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo, Profile, Settings, Workspace } from '../../src-main/common/contract';
import { api } from './api';
import { useConnection } from './connection';

export interface QwanyxData {
  info: AppInfo;
  profile: Profile;
  settings: Settings;
  /** Every workspace, archived ones included, in the core's order. */
  workspaces: Workspace[];
}

export type LoadState = { phase: 'loading' } | { phase: 'failed'; error: unknown } | { phase: 'ready'; data: QwanyxData };

export interface QwanyxStore {
  load: LoadState;
  /** Loads everything again (after a failed first load). */
  reload(): void;
  /** Applies a local change to the loaded data (no-op until loaded). */
  update(change: (data: QwanyxData) => QwanyxData): void;
  /**
   * While a `workspace.open` is in flight, pins the active workspace to the
   * one being opened so an older `settings.changed` cannot flip it back.
   */
  pinActive(id: string | null): void;
}

async function fetchAll(): Promise<QwanyxData> {
  const [info, profile, settings, workspaces] = await Promise.all([
    api.invoke('app.info', {}),
    api.invoke('profile.get', {}),
    api.invoke('settings.get', {}),
    api.invoke('workspace.list', { includeArchived: true }),
  ]);
  return { info, profile, settings, workspaces };
}

export function useQwanyxState(): QwanyxStore {
  const { generation } = useConnection();
  const [load, setLoad] = useState<LoadState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const pinned = useRef<string | null>(null);

  const update = useCallback((change: (data: QwanyxData) => QwanyxData) => {
    setLoad((prev) => (prev.phase === 'ready' ? { phase: 'ready', data: change(prev.data) } : prev));
  }, []);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    fetchAll().then(
      (data) => {
        if (cancelled) return;
        const activeWorkspaceId = pinned.current ?? data.settings.activeWorkspaceId;
        setLoad({ phase: 'ready', data: { ...data, settings: { ...data.settings, activeWorkspaceId } } });
      },
      (error: unknown) => {
        if (cancelled) return;
        console.error('Loading the Qwanyx state failed', error);
        // After a reconnection, keep showing what we had; the banner explains.
        setLoad((prev) => (prev.phase === 'ready' ? prev : { phase: 'failed', error }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [generation, attempt]);

  useEffect(() => {
    if (generation === 0) return undefined;
    const unsubscribes = [
      api.on('settings.changed', (settings) =>
        update((data) => ({ ...data, settings: { ...settings, activeWorkspaceId: pinned.current ?? settings.activeWorkspaceId } })),
      ),
      api.on('profile.changed', (profile) => update((data) => ({ ...data, profile }))),
      // The core sends the whole list, archived workspaces included.
      api.on('workspaces.changed', ({ workspaces }) => update((data) => ({ ...data, workspaces }))),
    ];
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [generation, update]);

  const reload = useCallback(() => {
    setLoad({ phase: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const pinActive = useCallback((id: string | null) => {
    pinned.current = id;
  }, []);

  return { load, reload, update, pinActive };
}
