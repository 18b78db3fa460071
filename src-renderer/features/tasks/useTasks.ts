/**
 * The tasks of a workspace (done ones included; the views filter), or of
 * one digital human (its list and what is assigned to it), loaded again on
 * each `task.changed` of that workspace and after a reconnection.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Task } from '../../../src-main/common/contract';
import { coalescedReload } from '../../lib/coalescedReload';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

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
  const { generation } = useConnection();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    setTasks(null);
    const load = coalescedReload({
      fetch: () => api.invoke('task.list', { workspaceId, includeDone: true, ...(dhId ? { dhId } : {}) }),
      apply: (list) => {
        setTasks(list);
        setError(null);
      },
      fail: (err) => {
        setError(err);
        console.error('Loading the tasks failed', err);
      },
      cancelled: () => cancelled,
    });
    loadRef.current = load;
    const unsubscribe = api.on('task.changed', (event) => {
      if (event.workspaceId === workspaceId) load();
    });
    load();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [workspaceId, dhId, generation]);

  const put = useCallback((changed: readonly Task[]) => {
    setTasks((prev) => {
      if (!prev) return prev;
      const byId = new Map(changed.map((t) => [t.id, t]));
      const kept = prev.map((t) => byId.get(t.id) ?? t);
      const added = changed.filter((t) => !prev.some((p) => p.id === t.id));
      return [...kept, ...added].sort((a, b) => a.order - b.order || a.createdAt - b.createdAt);
    });
  }, []);
  const drop = useCallback((taskId: string) => {
    setTasks((prev) => prev && prev.filter((t) => t.id !== taskId && t.parentId !== taskId));
  }, []);
  const reload = useCallback(() => loadRef.current(), []);
  return { tasks, error, put, drop, reload };
}
