/**
 * Requests to open a task from outside the tasks view (a clicked reminder,
 * the command palette); the digital humans section of that workspace takes
 * the request when it is (or becomes) the one on screen.
 */
import { createRequestStore } from '../../lib/requestStore';

export interface TaskRequest {
  workspaceId: string;
  dhId: string;
  taskId: string;
  seq: number;
}

const store = createRequestStore<Omit<TaskRequest, 'seq'>>();

/** Asks the workspace's view to open task `taskId` of `dhId`'s list. */
export function requestTask(workspaceId: string, dhId: string, taskId: string): void {
  store.request({ workspaceId, dhId, taskId });
}

/** Marks the request as done. */
export function consumeTaskRequest(request: TaskRequest): void {
  store.consume(request);
}

/** The latest request, whatever its workspace. */
export function useTaskRequest(): TaskRequest | null {
  return store.useRequest();
}
