/** Maps the digital human and task channels of the contract to their services. */
import type { TaskActor } from '../common/contract';
import type { DhService } from '../domain/dh/DhService';
import type { TaskService } from '../domain/tasks/TaskService';
import type { Handlers } from './dispatchChannel';

export interface DhHandlerDeps {
  dhs: DhService;
  tasks: TaskService;
  /** The local user's id: channel calls act as this person. */
  userId: () => string;
}

type DhChannel =
  | 'dh.list'
  | 'dh.get'
  | 'dh.create'
  | 'dh.update'
  | 'dh.archive'
  | 'dh.delete'
  | 'dh.templates'
  | 'task.list'
  | 'task.get'
  | 'task.create'
  | 'task.update'
  | 'task.delete'
  | 'task.decompose';

export function createDhHandlers(deps: DhHandlerDeps): Pick<Handlers, DhChannel> {
  const { dhs, tasks } = deps;
  const me = (): TaskActor => ({ kind: 'member', id: deps.userId() });
  return {
    'dh.list': (i) => dhs.list(i.workspaceId, i.includeArchived ?? false),
    'dh.get': (i) => dhs.get(i.workspaceId, i.dh),
    'dh.create': ({ workspaceId, ...input }) => dhs.create(workspaceId, input),
    'dh.update': ({ workspaceId, dhId, ...patch }) => dhs.update(workspaceId, dhId, patch),
    'dh.archive': (i) => dhs.archive(i.workspaceId, i.dhId, i.archived),
    'dh.delete': (i) => dhs.delete(i.workspaceId, i.dhId),
    'dh.templates': () => dhs.templates(),
    'task.list': (i) =>
      tasks.list(i.workspaceId, { dhId: i.dhId, assignee: i.assigneeId, status: i.status, parentId: i.parentId, includeDone: i.includeDone }),
    'task.get': (i) => tasks.get(i.workspaceId, i.taskId),
    'task.create': ({ workspaceId, dhId, ...input }) => tasks.create(workspaceId, dhId, input, me()),
    'task.update': ({ workspaceId, taskId, ...patch }) => tasks.update(workspaceId, taskId, patch, me()),
    'task.delete': (i) => tasks.delete(i.workspaceId, i.taskId, me()),
    'task.decompose': (i) => tasks.decompose(i.workspaceId, i.taskId, i.titles, me()),
  };
}
