/**
 * The tasks of a workspace (done ones included; the views filter), or of
 * one digital human (its list and what is assigned to it), loaded again on
 * each `task.changed` of that workspace and after a reconnection.
 */
import { useCallback } from 'react';
import type { Task } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useLiveValue } from '../../lib/useLiveValue';

export interface TaskListState {
  /** Null until the first load. */
  tasks: Task[] | null;
  error: unknown;
  /** Applies tasks the core just returned, before their event arrives. */
  put(tasks: readonly Task[]): void;
  /** Forgets a deleted task (and its subtasks) at once. */
  drop(taskId: string): void;
  reload(): void;
}

export function useTasks(workspaceId: string, dhId: string | null): TaskListState {
  const live = useLiveValue({
    key: `${workspaceId}/${dhId ?? ''}`,
    workspaceId,
    event: 'task.changed',
    fetch: () => api.invoke('task.list', { workspaceId, includeDone: true, ...(dhId ? { dhId } : {}) }),
    what: 'the tasks',
  });
  const { update, reload } = live;
  const tasks = live.value;
  const error = live.error;

  const put = useCallback((changed: readonly Task[]) => {
    update((prev) => {
      if (!prev) return prev;
      const byId = new Map(changed.map((t) => [t.id, t]));
      const kept = prev.map((t) => byId.get(t.id) ?? t);
      const added = changed.filter((t) => !prev.some((p) => p.id === t.id));
      return [...kept, ...added].sort((a, b) => a.order - b.order || a.createdAt - b.createdAt);
    });
  }, [update]);
  const drop = useCallback((taskId: string) => {
    update((prev) => prev && prev.filter((t) => t.id !== taskId && t.parentId !== taskId));
  }, [update]);
  return { tasks, error, put, drop, reload };
}
