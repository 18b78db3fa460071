/**
 * Every workspace action of the UI: calls the core and applies the answer to
 * the local state at once (the `workspaces.changed` event that follows
 * confirms it). Errors propagate as `ApiError` for the caller to show inline.
 */
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { ChannelInput, Workspace } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import type { QwanyxData, QwanyxStore } from '../../lib/useQwanyxState';

export interface WorkspaceActions {
  open(id: string): Promise<void>;
  create(input: ChannelInput<'workspace.create'>): Promise<Workspace>;
  rename(id: string, name: string): Promise<void>;
  setAppearance(id: string, color: string, icon: string | null): Promise<void>;
  setArchived(id: string, archived: boolean): Promise<void>;
  remove(id: string, confirmName: string): Promise<void>;
}

function withWorkspace(data: QwanyxData, workspace: Workspace): QwanyxData {
  const exists = data.workspaces.some((w) => w.id === workspace.id);
  const workspaces = exists
    ? data.workspaces.map((w) => (w.id === workspace.id ? workspace : w))
    : [...data.workspaces, workspace];
  return { ...data, workspaces };
}

function withActive(data: QwanyxData, id: string | null): QwanyxData {
  return { ...data, settings: { ...data.settings, activeWorkspaceId: id } };
}

/** The workspace the main area shows: the active one if visible, else the first on the rail. */
export function activeWorkspace(data: QwanyxData): Workspace | null {
  const visible = data.workspaces.filter((w) => !w.archived);
  return visible.find((w) => w.id === data.settings.activeWorkspaceId) ?? visible[0] ?? null;
}

function isShown(data: QwanyxData | null, id: string): boolean {
  return data !== null && activeWorkspace(data)?.id === id;
}

export function useWorkspaceActions(store: QwanyxStore): WorkspaceActions {
  const { update, pinActive } = store;
  const openSeq = useRef(0);
  // Read inside callbacks without making them change on every state update.
  const data = store.load.phase === 'ready' ? store.load.data : null;
  const dataRef = useRef<QwanyxData | null>(data);
  useLayoutEffect(() => {
    dataRef.current = data;
  }, [data]);

  const open = useCallback(
    async (id: string) => {
      const seq = ++openSeq.current;
      const before = dataRef.current?.settings.activeWorkspaceId ?? null;
      // Switch instantly; the core confirms (or refuses) just after.
      pinActive(id);
      update((current) => withActive(current, id));
      try {
        const workspace = await api.invoke('workspace.open', { id });
        if (seq === openSeq.current) update((current) => withActive(withWorkspace(current, workspace), workspace.id));
      } catch (err) {
        if (seq === openSeq.current) update((current) => withActive(current, before));
        throw err;
      } finally {
        if (seq === openSeq.current) pinActive(null);
      }
    },
    [update, pinActive],
  );

  const create = useCallback(
    async (input: ChannelInput<'workspace.create'>) => {
      const workspace = await api.invoke('workspace.create', input);
      update((current) => withWorkspace(current, workspace));
      // The workspace exists now: a failed switch must not look like a failed creation.
      open(workspace.id).catch((err: unknown) => console.error('Opening the new workspace failed', err));
      return workspace;
    },
    [update, open],
  );

  const rename = useCallback(
    async (id: string, name: string) => {
      const workspace = await api.invoke('workspace.rename', { id, name });
      update((current) => withWorkspace(current, workspace));
    },
    [update],
  );

  const setAppearance = useCallback(
    async (id: string, color: string, icon: string | null) => {
      const workspace = await api.invoke('workspace.setAppearance', { id, color, icon });
      update((current) => withWorkspace(current, workspace));
    },
    [update],
  );

  /**
   * After the shown workspace leaves the rail, open the one that takes its
   * place so the choice persists. The action itself already succeeded, so a
   * failure here is logged, not reported as the action's failure; the UI
   * falls back to the first workspace on the rail either way.
   */
  const reopenAfterLeaving = useCallback(
    (id: string) => {
      const next = dataRef.current?.workspaces.find((w) => !w.archived && w.id !== id);
      if (!next) return;
      open(next.id).catch((err: unknown) => console.error('Opening the next workspace failed', err));
    },
    [open],
  );

  const setArchived = useCallback(
    async (id: string, archived: boolean) => {
      const wasActive = isShown(dataRef.current, id);
      const workspace = await api.invoke('workspace.setArchived', { id, archived });
      update((current) => withWorkspace(current, workspace));
      if (archived && wasActive) reopenAfterLeaving(id);
    },
    [update, reopenAfterLeaving],
  );

  const remove = useCallback(
    async (id: string, confirmName: string) => {
      const wasActive = isShown(dataRef.current, id);
      await api.invoke('workspace.delete', { id, confirmName });
      update((current) => ({ ...current, workspaces: current.workspaces.filter((w) => w.id !== id) }));
      if (wasActive) reopenAfterLeaving(id);
    },
    [update, reopenAfterLeaving],
  );

  return useMemo(
    () => ({ open, create, rename, setAppearance, setArchived, remove }),
    [open, create, rename, setAppearance, setArchived, remove],
  );
}
