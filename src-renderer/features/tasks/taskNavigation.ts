/**
 * Requests to open a task from outside the tasks view (a clicked reminder):
 * a tiny external store; the digital humans section of that workspace takes
 * the request when it is (or becomes) the one on screen.
 */
import { useSyncExternalStore } from 'react';

export interface TaskRequest {
  workspaceId: string;
  dhId: string;
  taskId: string;
  seq: number;
}

let current: TaskRequest | null = null;
let seq = 0;
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** Asks the workspace's view to open task `taskId` of `dhId`'s list. */
export function requestTask(workspaceId: string, dhId: string, taskId: string): void {
  current = { workspaceId, dhId, taskId, seq: ++seq };
  changed();
}

/** Marks the request as done. */
export function consumeTaskRequest(request: TaskRequest): void {
  if (current !== request) return;
  current = null;
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest request, whatever its workspace. */
export function useTaskRequest(): TaskRequest | null {
  return useSyncExternalStore(subscribe, () => current);
}
